/**
 * The table itself, for the commands that work on it rather than through the API (tokens, reindex):
 * in AWS the one named by `--table` or TABLE_NAME, with the AWS credentials of the environment; else
 * the running local Distr's. A module of its own so that the other commands never load the AWS SDK.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '../adapters/aws-clients.ts';
import { dataDir, localRuntime } from './client.ts';

export function directTable(tableOption: string | undefined): {
  db: DynamoDBDocumentClient;
  tableName: string;
} {
  const tableName = tableOption ?? process.env.TABLE_NAME;
  if (tableName) return { db: createAwsClients(process.env).db, tableName };
  const runtime = localRuntime();
  if (!runtime) {
    throw new Error(
      `no running Distr found in ${dataDir()} (start it with \`npm start\`), and no TABLE_NAME or --table for AWS`,
    );
  }
  // The stand-ins accept any credentials; these keep the operator's real ones away from them.
  process.env.AWS_REGION = runtime.env.AWS_REGION ?? 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'local';
  process.env.AWS_SECRET_ACCESS_KEY = 'local';
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  return { db: createAwsClients(runtime.env).db, tableName: runtime.env.TABLE_NAME ?? 'distr' };
}
