import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { PortInUseError, readRuntimeFile, startDistr } from '../../functions/local/runtime.ts';
import { backend, startTestDistr, type TestDistr } from '../support/distr.ts';

describe('local runtime', () => {
  let distr: TestDistr;
  beforeAll(async () => {
    distr = await startTestDistr();
  });
  afterAll(() => distr?.dispose());

  it('answers health with the table and bucket reached', async () => {
    const res = await fetch(`${distr.url}/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { table: 'ok', bucket: 'ok' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("answers paths no route matches with API Gateway's own 404", async () => {
    const res = await fetch(`${distr.url}/`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: 'Not Found' });
  });

  it('answers paths that reach a handler but name nothing with a 404 problem', async () => {
    // `/{lang}/{proxy+}` catches every two-segment path, as it would in API Gateway.
    const res = await fetch(`${distr.url}/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('records where it runs, so the CLI can find it', () => {
    const file = readRuntimeFile(distr.dataDir);
    expect(file?.url).toBe(distr.url);
    expect(file?.env.AWS_ENDPOINT_URL_DYNAMODB).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a second instance on the same data directory', async () => {
    await expect(startDistr({ port: 0, dataDir: distr.dataDir, ...backend() })).rejects.toThrow(
      /already running/,
    );
  });
});

describe('local runtime lifecycle', () => {
  it('keeps table items and objects across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'distr-restart-'));
    try {
      const first = await startDistr({ port: 0, dataDir, ...backend() });
      let clients = createAwsClients(first.env);
      await clients.dynamodb.send(
        new PutItemCommand({
          TableName: first.env.TABLE_NAME,
          Item: { pk: { S: 'probe' }, sk: { S: 'probe' } },
        }),
      );
      await clients.s3.send(
        new PutObjectCommand({ Bucket: first.env.BUCKET_NAME, Key: 'probe.txt', Body: 'kept' }),
      );
      await first.stop();

      const second = await startDistr({ port: 0, dataDir, ...backend() });
      clients = createAwsClients(second.env);
      const item = await clients.dynamodb.send(
        new GetItemCommand({
          TableName: second.env.TABLE_NAME,
          Key: { pk: { S: 'probe' }, sk: { S: 'probe' } },
        }),
      );
      const object = await clients.s3.send(
        new GetObjectCommand({ Bucket: second.env.BUCKET_NAME, Key: 'probe.txt' }),
      );
      expect(item.Item?.pk?.S).toBe('probe');
      expect(await object.Body?.transformToString()).toBe('kept');
      await second.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('fails with a clear error when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    const dataDir = mkdtempSync(join(tmpdir(), 'distr-port-'));
    try {
      const attempt = startDistr({ port, dataDir, ...backend() });
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toThrow(`Port ${port} is already in use`);
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
