/**
 * Every declared route and document action × every kind of caller, generated from the route table
 * and the roles: a route added to the table is in the matrix at once, and its `who` decides what
 * each caller must get. Through real HTTP, so the authorizer and the router are both exercised.
 * Nothing any caller sends here may be a 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken, revokeToken } from '../../functions/adapters/token-store.ts';
import { ROLES, type Role } from '../../functions/domain/tokens.ts';
import { ROUTES } from '../../functions/http/routes.ts';
import { startTestDistr, type TestDistr } from '../support/distr.ts';
import { table } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';

type CallerKind = 'anonymous' | 'malformed' | 'unknown' | 'revoked' | Role;
const CALLERS: readonly CallerKind[] = ['anonymous', 'malformed', 'unknown', 'revoked', ...ROLES];

/** A value of the right shape for each path parameter, naming nothing that exists. */
const SAMPLE_PARAMS: Record<string, string> = {
  id: '0123456789abcdef0123',
  organ: 'GA',
  session: '79',
  lang: 'fr',
  docLang: 'ar',
  file: 'site.000000000000.css',
};
const subscriptionId = `sub_${'0'.repeat(24)}`;

interface Target {
  label: string;
  method: string;
  path: string;
  auth: 'none' | 'token';
  who: 'anyone' | readonly Role[];
}

function concretePath(path: string): string {
  const filled = path.startsWith('/v1/subscriptions/') ? path.replace('{id}', subscriptionId) : path;
  return filled.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = SAMPLE_PARAMS[name];
    if (!value) throw new Error(`No sample for the path parameter {${name}} of ${path}: add one.`);
    return value;
  });
}

const targets: Target[] = ROUTES.flatMap((route): Target[] => {
  if (!('actions' in route)) {
    const path = concretePath(route.path.replace('{proxy+}', 'A/79/999'));
    return [
      {
        label: `${route.method} ${route.path}`,
        method: route.method,
        path,
        auth: route.auth,
        who: route.who,
      },
    ];
  }
  return route.actions.map((action) => ({
    label: `${route.method} ${route.path} → ${action.path || '(the document)'}`,
    method: route.method,
    path: concretePath(route.path.replace('{proxy+}', ['A/79/999', action.path].filter(Boolean).join('/'))),
    auth: route.auth,
    who: action.who,
  }));
});

/** What a caller must get: refused with 401, refused with 403, or let through to the handler. */
function expected(target: Target, caller: CallerKind): 401 | 403 | 'through' {
  // Without an authorizer there are no credentials to judge.
  if (target.auth === 'none') return 'through';
  const badToken = caller === 'malformed' || caller === 'unknown' || caller === 'revoked';
  if (badToken) return 401;
  if (target.who === 'anyone') return 'through';
  if (caller === 'anonymous') return 401;
  return target.who.includes(caller) ? 'through' : 403;
}

let distr: TestDistr;
const authorization: Partial<Record<CallerKind, string>> = {
  malformed: 'Bearer not-a-token',
  unknown: `Bearer distr_${'0'.repeat(16)}_${'0'.repeat(64)}`,
};

beforeAll(async () => {
  distr = await startTestDistr();
  for (const role of ROLES) {
    authorization[role] = `Bearer ${await tokenFor(distr, role)}`;
  }
  const store = table(distr);
  const revoked = await issueToken(store, { role: 'officer' }, { now: new Date() });
  await revokeToken(store, revoked.id, new Date().toISOString());
  authorization.revoked = `Bearer ${revoked.token}`;
});
afterAll(() => distr?.dispose());

describe('the authorization matrix of every declared route', () => {
  it('covers every route and action of the table, each with a rule', () => {
    expect(targets.length).toBeGreaterThanOrEqual(ROUTES.length);
    for (const target of targets) expect(target.who, target.label).toBeDefined();
  });

  it.each(CALLERS)('answers the %s caller as each route declares, and never with a 5xx', async (caller) => {
    const wrong: string[] = [];
    for (const target of targets) {
      const header = authorization[caller];
      const res = await fetch(`${distr.url}${target.path}`, {
        method: target.method,
        redirect: 'manual',
        headers: {
          ...(header ? { authorization: header } : {}),
          ...(target.method === 'GET' || target.method === 'DELETE'
            ? {}
            : { 'content-type': 'application/json' }),
        },
        ...(target.method === 'GET' || target.method === 'DELETE' ? {} : { body: '{}' }),
      });
      await res.arrayBuffer();
      const want = expected(target, caller);
      const ok =
        res.status < 500 &&
        (want === 'through' ? res.status !== 401 && res.status !== 403 : res.status === want);
      if (!ok) wrong.push(`${target.label} (${target.path}): ${res.status}, expected ${want}`);
    }
    expect(wrong).toEqual([]);
  });
});
