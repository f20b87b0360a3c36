/** `GET /v1/health`: reports whether the table and the bucket can be reached. */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config.ts';
import { type HttpResult, json } from './http-api.ts';
import { Problem, problemResponse } from './problem.ts';

export interface HealthDeps {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  config: Config;
}

async function probe(check: () => Promise<unknown>): Promise<string> {
  try {
    await check();
    return 'ok';
  } catch (error) {
    return (error as Error).name || 'unreachable';
  }
}

export function health(deps: HealthDeps) {
  return async (): Promise<HttpResult> => {
    const [table, bucket] = await Promise.all([
      probe(() => deps.dynamodb.send(new DescribeTableCommand({ TableName: deps.config.tableName }))),
      probe(() => deps.s3.send(new HeadBucketCommand({ Bucket: deps.config.bucketName }))),
    ]);
    const checks = { table, bucket };
    const failed = Object.entries(checks).filter(([, state]) => state !== 'ok');
    if (failed.length === 0) return json(200, { status: 'ok', checks });
    const names = failed.map(([name, state]) => `${name} (${state})`).join(', ');
    return problemResponse(new Problem(503, `Cannot reach ${names}.`, { extra: { checks } }), '/v1/health');
  };
}
