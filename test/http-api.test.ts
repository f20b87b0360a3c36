/**
 * The shared HTTP stack with `Content-Type: application/json` and no body, as many clients send on
 * every request: an empty body is no body, so routes without one and optional bodies still work.
 */
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type HttpEvent, httpApi, json } from '../functions/http/http-api.ts';
import { parseBody } from '../functions/http/request-validation.ts';

const optional = z.object({ languages: z.array(z.string()).optional() }).strict();
const required = z.object({ reason: z.string() }).strict();

const api = httpApi([
  { method: 'GET', path: '/v1/health', handler: async () => json(200, { status: 'ok' }) },
  { method: 'DELETE', path: '/v1/things/{id}', handler: async () => ({ statusCode: 204 }) },
  {
    method: 'POST',
    path: '/v1/things/{id}/distribute',
    handler: async (event: HttpEvent) => json(202, parseBody(event, optional)),
  },
  {
    method: 'POST',
    path: '/v1/things/{id}/reject',
    handler: async (event: HttpEvent) => json(200, parseBody(event, required)),
  },
]);

const call = (method: string, path: string, body?: string, contentType = 'application/json') =>
  api(
    {
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: '',
      headers: contentType ? { 'content-type': contentType } : {},
      requestContext: { http: { method, path } },
      isBase64Encoded: false,
      ...(body !== undefined ? { body } : {}),
    } as unknown as HttpEvent,
    {} as Context,
  );

describe('an empty body is no body', () => {
  it.each([
    ['GET', '/v1/health', 200],
    ['DELETE', '/v1/things/1', 204],
    ['POST', '/v1/things/1/distribute', 202],
  ])(
    '%s %s with Content-Type: application/json and an empty or absent body answers %i',
    async (method, path, status) => {
      for (const body of [undefined, '']) {
        const res = await call(method, path, body);
        expect(res.statusCode).toBe(status);
      }
    },
  );

  it('an optional body that is empty is read as none', async () => {
    const res = await call('POST', '/v1/things/1/distribute', '');
    expect(JSON.parse(res.body ?? '')).toEqual({});
  });

  it('routes without a body ignore whatever Content-Type and body come with the request', async () => {
    expect((await call('GET', '/v1/health', 'not json', 'text/plain')).statusCode).toBe(200);
    expect((await call('DELETE', '/v1/things/1', '{', 'application/json')).statusCode).toBe(204);
  });

  it('a required body that is empty names the missing field, not the JSON', async () => {
    const res = await call('POST', '/v1/things/1/reject', '');
    expect(res.statusCode).toBe(422);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(res.body ?? '')['invalid-params']).toEqual([
      expect.objectContaining({ name: '/reason' }),
    ]);
  });

  it('a body that is there is still checked: malformed JSON is 422, another type 415', async () => {
    expect((await call('POST', '/v1/things/1/distribute', '{')).statusCode).toBe(422);
    expect((await call('POST', '/v1/things/1/distribute', 'a=1', 'text/plain')).statusCode).toBe(415);
  });
});
