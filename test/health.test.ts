import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHealthProbes } from '../functions/adapters/health-probes.ts';
import { readConfig } from '../functions/config.ts';
import { health } from '../functions/http/health.ts';

const config = readConfig({ TABLE_NAME: 'distr-table', BUCKET_NAME: 'distr-bucket' });
const dynamodbMock = mockClient(DynamoDBClient);
const s3Mock = mockClient(S3Client);

describe('GET /v1/health', () => {
  beforeEach(() => {
    dynamodbMock.reset();
    s3Mock.reset();
  });

  const check = () =>
    health(createHealthProbes({ dynamodb: new DynamoDBClient({}), s3: new S3Client({}) }, config))();

  it('reports ok after reaching the configured table and bucket', async () => {
    dynamodbMock.on(DescribeTableCommand).resolves({ Table: { TableName: 'distr-table' } });
    s3Mock.on(HeadBucketCommand).resolves({});
    const res = await check();
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body ?? '')).toEqual({ status: 'ok', checks: { table: 'ok', bucket: 'ok' } });
    expect(dynamodbMock).toHaveReceivedCommandWith(DescribeTableCommand, { TableName: 'distr-table' });
    expect(s3Mock).toHaveReceivedCommandWith(HeadBucketCommand, { Bucket: 'distr-bucket' });
  });

  it('answers 503 problem+json naming what it could not reach', async () => {
    dynamodbMock
      .on(DescribeTableCommand)
      .rejects(new ResourceNotFoundException({ message: 'no table', $metadata: {} }));
    s3Mock.on(HeadBucketCommand).resolves({});
    const res = await check();
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    const body = JSON.parse(res.body ?? '');
    expect(body).toMatchObject({ status: 503, checks: { table: 'ResourceNotFoundException', bucket: 'ok' } });
    expect(body.detail).toContain('table');
    expect(body.detail).not.toContain('bucket');
  });
});
