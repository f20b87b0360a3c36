/**
 * The local API Gateway stand-in's own answers: malformed paths, unknown routes, oversized bodies
 * and requests that arrive before start-up has finished are all problem+json, never a 500 or a
 * request left waiting.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerStartingUp, createApiGateway, type HttpHandler } from '../functions/local/api-gateway.ts';
import type { RouteDef } from '../functions/resources.ts';

const routes: RouteDef[] = [
  { method: 'GET', path: '/v1/subscriptions/{id}', fn: 'api', auth: 'none' },
  { method: 'POST', path: '/v1/subscriptions', fn: 'api', auth: 'none' },
  { method: 'GET', path: '/v1/documents/{proxy+}', fn: 'api', auth: 'none' },
  { method: 'GET', path: '/{lang}/{proxy+}', fn: 'api', auth: 'none' },
];
const echo: HttpHandler = async (event) => ({ statusCode: 200, body: JSON.stringify(event.pathParameters) });

/** Sends the path exactly as given (fetch would normalise it). */
function send(server: Server, method: string, path: string, body?: Buffer) {
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, method, path, timeout: 5_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      });
      req.on('timeout', () => req.destroy(new Error('no answer')));
      req.on('error', reject);
      req.end(body);
    },
  );
}

const listen = (server: Server) => new Promise<void>((done) => server.listen(0, '127.0.0.1', done));

const expectProblem = (
  res: { status: number; headers: Record<string, unknown>; body: string },
  status: number,
) => {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toBe('application/problem+json');
  expect(JSON.parse(res.body)).toMatchObject({
    type: 'about:blank',
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
};

describe('the local gateway', () => {
  const gateway = createApiGateway({ routes, handlers: { api: echo } });
  const server = createServer((req, res) => void gateway(req, res));
  beforeAll(() => listen(server));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it.each(['/v1/subscriptions/%', '/v1/subscriptions/%E0%A4%A', '/v1/documents/A%2/79/1', '/en/A%ZZ/79/1'])(
    'answers the malformed escape in %s with 400 problem+json',
    async (path) => expectProblem(await send(server, 'GET', path), 400),
  );

  it('still decodes well-formed escapes', async () => {
    const res = await send(server, 'GET', '/v1/documents/A%2F79%2F923');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ proxy: 'A/79/923' });
  });

  it('answers a path no route matches with 404 problem+json', async () => {
    expectProblem(await send(server, 'DELETE', '/'), 404);
  });

  it('answers a body over the payload limit with 413 problem+json', async () => {
    expectProblem(
      await send(server, 'POST', '/v1/subscriptions', Buffer.alloc(10 * 1024 * 1024 + 1, 32)),
      413,
    );
  });
});

describe('a request during start-up', () => {
  const server = createServer(answerStartingUp);
  beforeAll(() => listen(server));
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('is answered at once: 503 problem+json with Retry-After', async () => {
    for (const [method, body] of [
      ['GET', undefined],
      ['POST', Buffer.from('{"a":1}')],
    ] as const) {
      const res = await send(server, method, '/v1/health', body);
      expectProblem(res, 503);
      expect(res.headers['retry-after']).toBe('1');
    }
  });
});
