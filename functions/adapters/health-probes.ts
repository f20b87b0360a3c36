/** What `GET /v1/health` reaches for: the table and the bucket, each a call that throws if unreachable. */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';

export type HealthProbes = Record<'table' | 'bucket', () => Promise<unknown>>;

export const createHealthProbes = (
  clients: { dynamodb: DynamoDBClient; s3: S3Client },
  config: { tableName: string; bucketName: string },
): HealthProbes => ({
  table: () => clients.dynamodb.send(new DescribeTableCommand({ TableName: config.tableName })),
  bucket: () => clients.s3.send(new HeadBucketCommand({ Bucket: config.bucketName })),
});
