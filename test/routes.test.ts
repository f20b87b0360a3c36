import { describe, expect, it } from 'vitest';
import { apiRoutes } from '../functions/http/api.ts';
import { ROUTES, routeKey } from '../functions/http/routes.ts';
import { FUNCTIONS } from '../functions/resources.ts';
import { webRoutes } from '../functions/web/handlers.ts';
import { apiDeps } from '../functions/wiring/api.ts';
import { webDeps } from '../functions/wiring/web.ts';
import { responseViolation } from './support/response-contract.ts';

describe('the route table', () => {
  it('is exactly what the API function routes: no route served undeclared, none declared unserved', () => {
    const served = apiRoutes(apiDeps({ AWS_REGION: 'us-east-1' }));
    expect(served.map((r) => `${r.method} ${r.path}`).sort()).toEqual(
      ROUTES.filter((r) => r.fn === 'api')
        .map(routeKey)
        .sort(),
    );
  });

  it('is exactly what the web function routes, and every web route is a public HTML page', () => {
    const served = webRoutes(webDeps({ AWS_REGION: 'us-east-1' }));
    const declared = ROUTES.filter((r) => r.fn === 'web');
    expect(served.map((r) => `${r.method} ${r.path}`).sort()).toEqual(declared.map(routeKey).sort());
    expect(declared.length).toBeGreaterThanOrEqual(5);
    for (const route of declared) {
      expect(route.auth, routeKey(route)).toBe('none');
      expect(route.who, routeKey(route)).toBe('anyone');
      for (const [status, spec] of Object.entries(route.responses)) {
        if (Number(status) >= 400)
          expect(spec.contentType, `${routeKey(route)} → ${status}`).toMatch(/^text\/html/);
      }
    }
  });

  it('declares each route once, served by a function that exists, with at least one answer', () => {
    const keys = ROUTES.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of ROUTES) {
      expect(Object.keys(FUNCTIONS), routeKey(route)).toContain(route.fn);
      expect(Object.keys(route.responses).length, routeKey(route)).toBeGreaterThan(0);
      expect(route.summary, routeKey(route)).not.toBe('');
    }
  });

  it('gives every successful JSON answer a schema', () => {
    for (const route of ROUTES) {
      for (const [status, spec] of Object.entries(route.responses)) {
        const json = Number(status) < 300 && Number(status) !== 204 && !spec.contentType;
        if (json) expect(spec.schema, `${routeKey(route)} → ${status}`).toBeDefined();
      }
    }
  });
});

describe('the contract check the test runtime applies to every answer', () => {
  const health = ROUTES.find((r) => routeKey(r) === 'GET /v1/health');
  if (!health) throw new Error('no health route');
  const ok = JSON.stringify({ status: 'ok', checks: { table: 'ok' } });

  it('accepts a declared answer whose body matches', () => {
    expect(responseViolation(health, 200, 'application/json', ok)).toBeUndefined();
  });

  it('refuses an undeclared status, a body off its schema, and an error that is not problem+json', () => {
    expect(responseViolation(health, 201, 'application/json', ok)).toMatch(/does not declare/);
    expect(responseViolation(health, 200, 'application/json', '{"status":"fine"}')).toMatch(/schema/);
    expect(responseViolation(health, 503, 'application/json', '{"message":"down"}')).toMatch(/problem\+json/);
    expect(
      responseViolation({ method: 'GET', path: '/v1/nowhere', fn: 'api', auth: 'none' }, 200, undefined, ''),
    ).toMatch(/not in the route table/);
  });
});
