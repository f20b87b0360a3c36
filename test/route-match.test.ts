import { describe, expect, it } from 'vitest';
import { createRouteMatcher, MalformedPathError } from '../functions/local/route-match.ts';
import type { RouteDef } from '../functions/resources.ts';

const route = (method: RouteDef['method'], path: string): RouteDef => ({
  method,
  path,
  fn: 'api',
  auth: 'none',
});

describe('local route matching (API Gateway precedence)', () => {
  const match = createRouteMatcher([
    route('GET', '/{lang}/{proxy+}'),
    route('GET', '/v1/documents/{proxy+}'),
    route('GET', '/v1/documents'),
    route('GET', '/v1/submissions/{id}'),
    route('POST', '/v1/submissions/{id}/register'),
    route('GET', '/v1/health'),
  ]);

  it('prefers literal routes, then parameters, then greedy paths', () => {
    expect(match('GET', '/v1/health')?.routeKey).toBe('GET /v1/health');
    expect(match('GET', '/v1/documents')?.routeKey).toBe('GET /v1/documents');
    expect(match('GET', '/v1/documents/A/79/923')).toMatchObject({
      routeKey: 'GET /v1/documents/{proxy+}',
      pathParameters: { proxy: 'A/79/923' },
    });
    expect(match('GET', '/fr/A/79/923-S/2025/341')).toMatchObject({
      routeKey: 'GET /{lang}/{proxy+}',
      pathParameters: { lang: 'fr', proxy: 'A/79/923-S/2025/341' },
    });
  });

  it('binds single-segment parameters and checks the method and depth', () => {
    expect(match('GET', '/v1/submissions/abc')?.pathParameters).toEqual({ id: 'abc' });
    expect(match('POST', '/v1/submissions/abc/register')?.pathParameters).toEqual({ id: 'abc' });
    expect(match('POST', '/v1/submissions/abc')).toBeUndefined();
    // Too deep for `{id}`: only the catch-all `/{lang}/{proxy+}` takes it, as in API Gateway.
    expect(match('GET', '/v1/submissions/abc/register')?.routeKey).toBe('GET /{lang}/{proxy+}');
  });

  it('decodes percent-encoded segments', () => {
    expect(match('GET', '/v1/documents/A%2F79%2F923')?.pathParameters).toEqual({ proxy: 'A/79/923' });
  });

  it('needs at least one segment for a greedy parameter', () => {
    expect(match('GET', '/v1/documents/')?.routeKey).toBe('GET /v1/documents');
    expect(match('GET', '/')).toBeUndefined();
  });

  it('refuses malformed percent-encoding in a parameter or a greedy path, instead of a URIError', () => {
    for (const path of ['/v1/submissions/%', '/v1/documents/A%2/79/1', '/en/A%ZZ/79/1']) {
      expect(() => match('GET', path)).toThrow(MalformedPathError);
    }
  });
});
