/**
 * Credentials through real HTTP: the authorizer resolves every caller, handlers answer 401 (with a
 * Bearer challenge) for none or bad credentials, 403 for the wrong role, and 404 for another
 * mission's submission.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { issueToken, revokeToken, type TokenStore } from '../../functions/adapters/token-store.ts';
import { type Answer, call as request } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { sampleSubmission } from '../support/fixtures.ts';
import { table } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';

const sample = sampleSubmission();

const distr = useTestDistr();
let store: TokenStore;
const tokens: Record<'deu' | 'fra' | 'officer' | 'subscriber' | 'revoked', string> = {
  deu: '',
  fra: '',
  officer: '',
  subscriber: '',
  revoked: '',
};
let deuSubmission: string;

/** A request with this Authorization header as it is (or none). */
const call = (method: string, path: string, authorization?: string, body?: unknown) =>
  request(distr, method, path, { authorization, body });

const bearer = (token: string) => `Bearer ${token}`;

beforeAll(async () => {
  store = table(distr);
  tokens.deu = await tokenFor(distr, 'mission', 'DEU');
  tokens.fra = await tokenFor(distr, 'mission', 'FRA');
  tokens.officer = await tokenFor(distr, 'officer');
  tokens.subscriber = await tokenFor(distr, 'subscriber');
  const revoked = await issueToken(store, { role: 'officer' }, { now: new Date() });
  tokens.revoked = revoked.token;
  await revokeToken(store, revoked.id, new Date().toISOString());
  const created = await call('POST', '/v1/submissions', bearer(tokens.deu), sample);
  expect(created.status).toBe(201);
  deuSubmission = created.body.id;
});

function expect401(answer: Answer, challenge: RegExp) {
  expect(answer.status).toBe(401);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.headers.get('www-authenticate')).toMatch(challenge);
  expect(answer.body).toMatchObject({ status: 401, title: 'Unauthorized', detail: expect.any(String) });
}

const routes = (): [string, string, unknown?][] => [
  ['POST', '/v1/submissions', sample],
  ['GET', '/v1/submissions'],
  ['GET', `/v1/submissions/${deuSubmission}`],
  [
    'POST',
    `/v1/submissions/${deuSubmission}/attachments`,
    { annex: 0, contentType: 'application/pdf', bytes: 9 },
  ],
  ['POST', `/v1/submissions/${deuSubmission}/reject`, { reason: 'No' }],
];

describe('who may call', () => {
  it('answers 401 with a Bearer challenge without credentials, on every submission route', async () => {
    for (const [method, path, body] of routes()) {
      expect401(await call(method, path, undefined, body), /^Bearer$/);
    }
  });

  it.each([
    ['a malformed header', 'Token abc', 'not valid'],
    ['a malformed token', 'Bearer distr_nope', 'not valid'],
    ['an unknown token', `Bearer distr_${'0'.repeat(16)}_${'1'.repeat(64)}`, 'not valid'],
    ['a known id with the wrong secret', () => `Bearer ${tokens.deu.slice(0, -4)}ffff`, 'not valid'],
    ['a revoked token', () => bearer(tokens.revoked), 'revoked'],
  ])('answers 401 invalid_token for %s', async (_name, header, detail) => {
    const authorization = typeof header === 'function' ? header() : header;
    for (const [method, path, body] of routes()) {
      const answer = await call(method, path, authorization, body);
      expect401(answer, /^Bearer error="invalid_token"/);
      expect(answer.body.detail).toContain(detail);
    }
  });

  it('answers 403 for the wrong role', async () => {
    const cases: [string, string, string, unknown?][] = [
      [tokens.officer, 'POST', '/v1/submissions', sample],
      [tokens.subscriber, 'POST', '/v1/submissions', sample],
      [tokens.subscriber, 'GET', '/v1/submissions'],
      [tokens.subscriber, 'GET', `/v1/submissions/${deuSubmission}`],
      [
        tokens.officer,
        'POST',
        `/v1/submissions/${deuSubmission}/attachments`,
        { annex: 0, contentType: 'application/pdf', bytes: 9 },
      ],
      [tokens.deu, 'POST', `/v1/submissions/${deuSubmission}/reject`, { reason: 'Changed our mind' }],
    ];
    for (const [token, method, path, body] of cases) {
      const answer = await call(method, path, bearer(token), body);
      expect(answer.status, `${method} ${path}`).toBe(403);
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
    }
    // Nothing changed: still received, one submission.
    const read = await call('GET', `/v1/submissions/${deuSubmission}`, bearer(tokens.officer));
    expect(read.body.status).toBe('received');
    expect((await call('GET', '/v1/submissions', bearer(tokens.officer))).body.items).toHaveLength(1);
  });

  it("answers 404 for another mission's submission, exactly as for a missing one", async () => {
    const theirs = await call('GET', `/v1/submissions/${deuSubmission}`, bearer(tokens.fra));
    const missing = await call('GET', '/v1/submissions/ffffffffffffffffffff', bearer(tokens.fra));
    expect(theirs.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(theirs.body.title).toBe(missing.body.title);
    const upload = await call('POST', `/v1/submissions/${deuSubmission}/attachments`, bearer(tokens.fra), {
      annex: 0,
      contentType: 'application/pdf',
      bytes: 9,
    });
    expect(upload.status).toBe(404);
    expect((await call('GET', '/v1/submissions', bearer(tokens.fra))).body.items).toEqual([]);
  });

  it('lets the owner and officers read, and needs no credentials for health and OpenAPI', async () => {
    expect((await call('GET', `/v1/submissions/${deuSubmission}`, bearer(tokens.deu))).status).toBe(200);
    expect((await call('GET', `/v1/submissions/${deuSubmission}`, bearer(tokens.officer))).status).toBe(200);
    expect((await call('GET', '/v1/health')).status).toBe(200);
    const openapi = await call('GET', '/v1/openapi.json');
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toMatch(/^3\.1\./);
  });
});
