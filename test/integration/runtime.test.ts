import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { PortInUseError, readRuntimeFile, startDistr } from '../../functions/local/runtime.ts';
import { backend, useTestDistr } from '../support/distr.ts';

describe('local runtime', () => {
  const distr = useTestDistr();

  it('answers health with the table and bucket reached', async () => {
    const res = await fetch(`${distr.url}/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { table: 'ok', bucket: 'ok' } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers paths no route matches with a 404 problem of its own', async () => {
    const res = await fetch(`${distr.url}/`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No route for DELETE /.',
    });
  });

  it('answers a malformed percent escape with 400, not 500', async () => {
    for (const path of ['/v1/subscriptions/%', '/v1/documents/A%2/79/1', '/en/A%ZZ/79/1']) {
      const res = await fetch(`${distr.url}${path}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('ignores Content-Type: application/json on an empty body', async () => {
    const res = await fetch(`${distr.url}/v1/health`, { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
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
  it('answers requests that arrive during start-up with 503 and Retry-After', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'distr-startup-'));
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    try {
      let ready = false;
      const starting = startDistr({ port, dataDir, ...backend() }).finally(() => {
        ready = true;
      });
      const early: Response[] = [];
      while (!ready) {
        const res = await fetch(`http://127.0.0.1:${port}/v1/health`, {
          signal: AbortSignal.timeout(5_000),
        }).catch(() => undefined);
        if (res?.status === 503) early.push(res);
        else if (res) await res.body?.cancel();
        await new Promise((r) => setTimeout(r, 25));
      }
      const runtime = await starting;
      try {
        expect(early.length).toBeGreaterThan(0);
        for (const res of early) {
          expect(res.headers.get('retry-after')).toBe('1');
          expect(res.headers.get('content-type')).toBe('application/problem+json');
          expect(await res.json()).toMatchObject({ status: 503, title: 'Service Unavailable' });
        }
        expect((await fetch(`${runtime.url}/v1/health`)).status).toBe(200);
      } finally {
        await runtime.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

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
