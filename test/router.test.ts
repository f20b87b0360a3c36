import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { type HttpEvent, httpApi, json } from '../functions/http/http-api.ts';
import { type Handlers, type Operation, routesOf } from '../functions/http/router.ts';
import { ROUTES } from '../functions/http/routes.ts';

/** Every operation answers 200 with what the router handed it, so a test sees what was checked. */
const calls: { operation: string; body: unknown; query: unknown; params: unknown; role: string }[] = [];
const operations = ROUTES.flatMap((route) =>
  'actions' in route ? route.actions.map((action) => action.operation) : [route.operation],
) as Operation[];
const echo = Object.fromEntries(
  operations.map((operation) => [
    operation,
    async ({
      body,
      query,
      params,
      caller,
    }: {
      body: unknown;
      query: unknown;
      params: unknown;
      caller: { role: string };
    }) => {
      calls.push({ operation, body, query, params, role: caller.role });
      return json(200, {});
    },
  ]),
) as unknown as Handlers<'api'>;
const api = httpApi(routesOf(ROUTES, 'api', echo));
const web = httpApi(routesOf(ROUTES, 'web', echo as unknown as Handlers<'web'>));

function call(
  method: string,
  path: string,
  options: {
    role?: string;
    state?: string;
    body?: unknown;
    query?: Record<string, string>;
    params?: Record<string, string>;
    route: string;
  },
) {
  calls.length = 0;
  const lambda = options.role
    ? { role: options.role, tokenId: 't1', ...(options.state ? { state: options.state } : {}) }
    : undefined;
  return api(
    {
      version: '2.0',
      routeKey: `${method} ${options.route}`,
      rawPath: path,
      headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.query ? { queryStringParameters: options.query } : {}),
      ...(options.params ? { pathParameters: options.params } : {}),
      requestContext: { http: { method, path }, ...(lambda ? { authorizer: { lambda } } : {}) },
    } as unknown as HttpEvent,
    {} as Context,
  );
}

describe('the router built from the route table', () => {
  it('declares an operation for every route and every document action, each once', () => {
    expect(new Set(operations).size).toBe(operations.length);
    expect(operations).toEqual(
      expect.arrayContaining(['submit', 'followup', 'distribute', 'putVersion', 'getDocument']),
    );
  });

  it('refuses a caller the route does not admit before its handler runs', async () => {
    const reject = { route: '/v1/submissions/{id}/reject', params: { id: 'abc' }, body: { reason: 'no' } };
    expect((await call('POST', '/v1/submissions/abc/reject', reject)).statusCode).toBe(401);
    expect(
      (await call('POST', '/v1/submissions/abc/reject', { ...reject, role: 'mission', state: 'DEU' }))
        .statusCode,
    ).toBe(403);
    expect(calls).toEqual([]);
    expect(
      (await call('POST', '/v1/submissions/abc/reject', { ...reject, role: 'officer' })).statusCode,
    ).toBe(200);
    expect(calls).toEqual([
      {
        operation: 'rejectSubmission',
        body: { reason: 'no' },
        query: undefined,
        params: { id: 'abc' },
        role: 'officer',
      },
    ]);
  });

  it('checks the body and the query against their declared schemas', async () => {
    const badBody = await call('POST', '/v1/submissions/abc/reject', {
      route: '/v1/submissions/{id}/reject',
      params: { id: 'abc' },
      role: 'officer',
      body: { reason: 7 },
    });
    expect(badBody.statusCode).toBe(422);
    expect(JSON.parse(badBody.body ?? '')).toMatchObject({ 'invalid-params': [{ name: '/reason' }] });
    const badQuery = await call('GET', '/v1/submissions', {
      route: '/v1/submissions',
      role: 'officer',
      query: { limit: '0' },
    });
    expect(badQuery.statusCode).toBe(400);
    expect(calls).toEqual([]);
    await call('GET', '/v1/submissions', {
      route: '/v1/submissions',
      role: 'officer',
      query: { limit: '5' },
    });
    expect(calls[0]).toMatchObject({ operation: 'listSubmissions', query: { limit: 5 } });
  });

  it('splits a document path into symbol and action, and checks the action as declared', async () => {
    const route = '/v1/documents/{proxy+}';
    await call('POST', '/v1/documents/A/79/923/distribute', {
      route,
      params: { proxy: 'A/79/923/distribute' },
      role: 'officer',
    });
    expect(calls[0]).toMatchObject({ operation: 'distribute', params: { symbol: 'A/79/923' } });
    await call('PUT', '/v1/documents/A/79/923/versions/fr', {
      route,
      params: { proxy: 'A/79/923/versions/fr' },
      role: 'officer',
      body: {},
    });
    expect(calls).toEqual([]); // an empty version is refused by its schema
    const unknown = await call('POST', '/v1/documents/A/79/923/publish', {
      route,
      params: { proxy: 'A/79/923/publish' },
      role: 'officer',
    });
    expect(unknown.statusCode).toBe(404);
    const noSymbol = await call('GET', '/v1/documents/nothing', { route, params: { proxy: 'nothing' } });
    expect(noSymbol.statusCode).toBe(404);
    await call('GET', '/v1/documents/A/79/923', { route, params: { proxy: 'A/79/923' } });
    expect(calls[0]).toMatchObject({
      operation: 'getDocument',
      params: { symbol: 'A/79/923' },
      role: 'public',
    });
  });

  it('serves the web routes from the same table, checking their language and query', async () => {
    const page = (
      path: string,
      route: string,
      params: Record<string, string>,
      query?: Record<string, string>,
    ) => {
      calls.length = 0;
      return web(
        {
          version: '2.0',
          routeKey: `GET ${route}`,
          rawPath: path,
          headers: {},
          ...(query ? { queryStringParameters: query } : {}),
          pathParameters: params,
          requestContext: { http: { method: 'GET', path } },
        } as unknown as HttpEvent,
        {} as Context,
      );
    };
    expect(
      (await page('/ar/search', '/{lang}/search', { lang: 'ar' }, { symbol: 'A/79/923' })).statusCode,
    ).toBe(200);
    expect(calls[0]).toMatchObject({
      operation: 'webSearch',
      params: { lang: 'ar' },
      query: { symbol: 'A/79/923' },
    });
    expect((await page('/xx/search', '/{lang}/search', { lang: 'xx' })).statusCode).toBe(404);
    expect(
      (await page('/en/search', '/{lang}/search', { lang: 'en' }, { symbol: 'x'.repeat(3000) })).statusCode,
    ).toBe(400);
    expect(calls).toEqual([]);
    await page('/zh/documents/A/79/923', '/{lang}/documents/{proxy+}', { lang: 'zh', proxy: 'A/79/923' });
    expect(calls[0]).toMatchObject({ operation: 'webDocument', params: { lang: 'zh', proxy: 'A/79/923' } });
    await page('/', '/', {});
    expect(calls[0]).toMatchObject({ operation: 'webRoot' });
  });

  it('refuses a bad token even where anyone may call', async () => {
    const answer = await api(
      {
        version: '2.0',
        rawPath: '/v1/documents',
        headers: {},
        requestContext: {
          http: { method: 'GET', path: '/v1/documents' },
          authorizer: { lambda: { authError: 'invalid-token' } },
        },
      } as unknown as HttpEvent,
      {} as Context,
    );
    expect(answer.statusCode).toBe(401);
  });
});
