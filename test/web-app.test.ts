/** The web function's middleware: errors become pages with the right status, and every answer carries the CSP. */
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { HttpEvent } from '../functions/http/http-api.ts';
import { Problem } from '../functions/http/problem.ts';
import { CONTENT_SECURITY_POLICY, PageNotFound, page, webApp } from '../functions/web/app.ts';

const app = webApp(
  [
    { method: 'GET', path: '/{lang}', handler: async () => page(200, '<p>ok</p>') },
    {
      method: 'GET',
      path: '/{lang}/gone',
      handler: async () => {
        throw new PageNotFound('ru');
      },
    },
    {
      method: 'GET',
      path: '/{lang}/broken',
      handler: async () => {
        throw new Error('the table is on fire: secret detail');
      },
    },
    {
      method: 'GET',
      path: '/{lang}/bad',
      handler: async () => {
        throw new Problem(400, 'A query parameter is not valid.');
      },
    },
  ],
  { notFound: (lang) => `not found (${lang})`, error: (lang) => `error (${lang})` },
);

const get = (path: string, routePath: string) =>
  app(
    {
      version: '2.0',
      routeKey: `GET ${routePath}`,
      rawPath: path,
      headers: {},
      pathParameters: { lang: path.split('/')[1] },
      requestContext: { http: { method: 'GET', path } },
    } as unknown as HttpEvent,
    {} as Context,
  );

describe('the web middleware', () => {
  it('serves a page with the strict CSP, the security headers and a short public cache', async () => {
    const answer = await get('/en', '/{lang}');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|sandbox/);
    expect(answer.headers?.['X-Frame-Options']).toBe('DENY');
    expect(answer.headers?.['cache-control']).toBe('public, max-age=60');
  });

  it('answers not found with the not-found page in the language asked for, 404', async () => {
    const answer = await get('/fr/gone', '/{lang}/gone');
    expect(answer).toMatchObject({ statusCode: 404, body: 'not found (ru)' });
    expect(answer.headers?.['content-type']).toBe('text/html; charset=utf-8');
    // An unrouted path: the language from the path, English when it is none.
    expect(await get('/ar/nowhere/at/all', '/')).toMatchObject({ statusCode: 404, body: 'not found (ar)' });
    expect(await get('/xx/nowhere', '/')).toMatchObject({ statusCode: 404, body: 'not found (en)' });
  });

  it('answers a failure with the error page, 500, never cached and without its detail', async () => {
    const answer = await get('/zh/broken', '/{lang}/broken');
    expect(answer).toMatchObject({ statusCode: 500, body: 'error (zh)' });
    expect(answer.headers?.['cache-control']).toBe('no-store');
    expect(answer.headers?.['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(JSON.stringify(answer)).not.toContain('secret detail');
  });

  it('keeps the status of a refused request (400), as a page', async () => {
    expect(await get('/es/bad', '/{lang}/bad')).toMatchObject({ statusCode: 400, body: 'error (es)' });
  });
});
