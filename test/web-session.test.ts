/**
 * The rules of browser sessions: idle and absolute expiry, a revoked token ending its session, the
 * CSRF token, the Origin check, where a sign-in may return to, and the slow-down of failed sign-ins.
 */
import { describe, expect, it } from 'vitest';
import type { SessionStore } from '../functions/adapters/session-store.ts';
import type { TokenRecord } from '../functions/adapters/token-store.ts';
import { generateToken } from '../functions/domain/tokens.ts';
import {
  csrfMatches,
  csrfToken,
  FREE_FAILURES,
  isSessionId,
  isSessionLive,
  MAX_WAIT_SECONDS,
  newSessionId,
  requestOrigin,
  retryAfter,
  returnPath,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  sessionKey,
  type WebSession,
  waitSeconds,
} from '../functions/domain/web-session.ts';
import type { HttpEvent } from '../functions/http/http-api.ts';
import { cookieSpec, sessions } from '../functions/web/session.ts';

const T0 = Date.parse('2026-03-01T09:00:00Z');
const at = (ms: number) => new Date(T0 + ms);
const MIN = 60_000;

function memoryStore(): SessionStore & { items: Map<string, WebSession> } {
  const items = new Map<string, WebSession>();
  const failures = new Map<string, { failures: number; lastFailureAt: string }>();
  return {
    items,
    put: async (s) => void items.set(s.key, s),
    get: async (key) => items.get(key),
    touch: async (s, when) => {
      if (items.has(s.key)) items.set(s.key, { ...s, lastSeenAt: when.toISOString() });
    },
    delete: async (key) => void items.delete(key),
    failures: async (address) => failures.get(address) ?? { failures: 0 },
    recordFailure: async (address, when) => {
      const count = (failures.get(address)?.failures ?? 0) + 1;
      failures.set(address, { failures: count, lastFailureAt: when.toISOString() });
    },
    clearFailures: async (address) => void failures.delete(address),
  };
}

function setup() {
  const store = memoryStore();
  const { id, token, hash } = generateToken();
  const record: TokenRecord = { id, role: 'mission', state: 'DEU', hash, createdAt: at(0).toISOString() };
  let now = at(0);
  const web = sessions({
    store,
    findToken: async (wanted) => (wanted === record.id ? record : undefined),
    siteOrigin: 'https://distr.example.org',
    now: () => now,
  });
  const eventWith = (cookie: string): HttpEvent => ({ cookies: [cookie] }) as unknown as HttpEvent;
  return {
    store,
    token,
    record,
    web,
    eventWith,
    setNow: (d: Date) => {
      now = d;
    },
  };
}

describe('session ids', () => {
  it('are 256 random bits, stored only as their SHA-256', () => {
    const id = newSessionId();
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    expect(isSessionId(id)).toBe(true);
    expect(newSessionId()).not.toBe(id);
    expect(sessionKey(id)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionKey(id)).not.toContain(id);
    expect(isSessionId('short')).toBe(false);
    expect(isSessionId(`${id}x`)).toBe(false);
  });
});

describe('expiry', () => {
  const started = { createdAt: at(0).toISOString(), lastSeenAt: at(0).toISOString() };
  it('ends a session unused for 30 minutes', () => {
    expect(SESSION_IDLE_MS).toBe(30 * MIN);
    expect(isSessionLive(started, at(29 * MIN))).toBe(true);
    expect(isSessionLive(started, at(30 * MIN))).toBe(false);
  });
  it('ends a session 12 hours after sign-in, however recently it was used', () => {
    expect(SESSION_ABSOLUTE_MS).toBe(12 * 60 * MIN);
    const busy = { createdAt: at(0).toISOString(), lastSeenAt: at(12 * 60 * MIN - MIN).toISOString() };
    expect(isSessionLive(busy, at(12 * 60 * MIN - 1))).toBe(true);
    expect(isSessionLive(busy, at(12 * 60 * MIN))).toBe(false);
  });
  it('keeps a session in use alive past the idle limit, and deletes an expired one', async () => {
    const { web, token, eventWith, setNow, store } = setup();
    const signed = await web.signIn(token, '192.0.2.1');
    if (!signed) throw new Error('not signed in');
    const cookie = signed.setCookie.split(';')[0] as string;
    setNow(at(20 * MIN));
    expect(await web.current(eventWith(cookie))).toBeDefined();
    setNow(at(45 * MIN));
    expect(await web.current(eventWith(cookie))).toBeDefined();
    setNow(at(80 * MIN));
    expect(await web.current(eventWith(cookie))).toBeUndefined();
    expect(store.items.size).toBe(0);
  });
});

describe('revocation and sign-out', () => {
  it('ends the session at the next request once its token is revoked', async () => {
    const { web, token, eventWith, record, store } = setup();
    const signed = await web.signIn(token, '192.0.2.1');
    const cookie = signed?.setCookie.split(';')[0] as string;
    expect((await web.current(eventWith(cookie)))?.session.role).toBe('mission');
    record.revokedAt = at(MIN).toISOString();
    expect(await web.current(eventWith(cookie))).toBeUndefined();
    expect(store.items.size).toBe(0);
  });
  it('refuses a revoked token at sign-in, and signs out by deleting the session', async () => {
    const { web, token, eventWith, record, store } = setup();
    const signed = await web.signIn(token, '192.0.2.1');
    if (!signed) throw new Error('not signed in');
    await web.signOut(signed.id);
    expect(store.items.size).toBe(0);
    expect(await web.current(eventWith(signed.setCookie.split(';')[0] as string))).toBeUndefined();
    record.revokedAt = at(0).toISOString();
    expect(await web.signIn(token, '192.0.2.1')).toBeUndefined();
  });
});

describe('the cookie', () => {
  it('is __Host-, HttpOnly, Secure and SameSite=Strict over HTTPS', async () => {
    const { web, token } = setup();
    const signed = await web.signIn(token, '192.0.2.1');
    expect(signed?.setCookie).toMatch(
      /^__Host-distr_session=[A-Za-z0-9_-]{43}; HttpOnly; Secure; SameSite=Strict; Path=\/$/,
    );
    expect(signed?.setCookie).not.toContain(token);
  });
  it('drops Secure (and so __Host-) on plain-HTTP loopback only', () => {
    expect(cookieSpec('http://localhost:3000').name).toBe('distr_session');
    expect(cookieSpec('http://127.0.0.1:4000').attributes).not.toContain('Secure');
    expect(cookieSpec('http://distr.example.org').name).toBe('__Host-distr_session');
  });
});

describe('CSRF', () => {
  it('binds the token to the session id', () => {
    const a = newSessionId();
    const b = newSessionId();
    expect(csrfMatches(a, csrfToken(a))).toBe(true);
    expect(csrfMatches(b, csrfToken(a))).toBe(false);
    expect(csrfMatches(a, undefined)).toBe(false);
    expect(csrfMatches(a, '')).toBe(false);
    expect(csrfToken(a)).not.toContain(a);
  });
  it('tells this site from another by Origin, else Referer', () => {
    const site = 'https://distr.example.org';
    expect(requestOrigin({ origin: site }, site)).toBe('same');
    expect(requestOrigin({ origin: 'https://evil.example' }, site)).toBe('cross');
    expect(requestOrigin({ origin: 'null' }, site)).toBe('cross');
    expect(requestOrigin({ origin: 'http://distr.example.org' }, site)).toBe('cross');
    expect(requestOrigin({ referer: `${site}/en/portal` }, site)).toBe('same');
    expect(requestOrigin({ referer: 'https://evil.example/x' }, site)).toBe('cross');
    expect(requestOrigin({}, site)).toBe('absent');
  });
});

describe('the return path', () => {
  const fallback = '/en/portal';
  it.each([
    ['/fr/portal', '/fr/portal'],
    ['/en/portal/submissions/abc?x=1', '/en/portal/submissions/abc?x=1'],
    ['/ar/console', '/ar/console'],
  ])('follows %s', (asked, want) => {
    expect(returnPath(asked, fallback)).toBe(want);
  });
  it.each([
    'https://evil.example/en/portal',
    '//evil.example/en/portal',
    '/\\evil.example/en/portal',
    '\\\\evil.example',
    '/en/portal\r\nSet-Cookie: x',
    'javascript:alert(1)',
    '/en/search',
    '/xx/portal',
    '/en/../../portal',
    'en/portal',
    '',
    undefined,
  ])('never follows %s', (asked) => {
    expect(returnPath(asked, fallback)).toBe(fallback);
  });
});

describe('failed sign-ins', () => {
  it('are free at first, then wait 2 s doubling, at most 15 minutes', () => {
    for (let n = 0; n < FREE_FAILURES; n++) expect(waitSeconds(n)).toBe(0);
    expect(waitSeconds(FREE_FAILURES)).toBe(2);
    expect(waitSeconds(FREE_FAILURES + 1)).toBe(4);
    expect(waitSeconds(100)).toBe(MAX_WAIT_SECONDS);
    expect(retryAfter(FREE_FAILURES, at(0).toISOString(), at(1000))).toBe(1);
    expect(retryAfter(FREE_FAILURES, at(0).toISOString(), at(2000))).toBe(0);
  });
  it('are counted per address and cleared by a good sign-in', async () => {
    const { web, token } = setup();
    for (let n = 0; n < FREE_FAILURES; n++) {
      expect(await web.waitFor('192.0.2.1')).toBe(0);
      expect(await web.signIn('distr_0000000000000000_wrong', '192.0.2.1')).toBeUndefined();
    }
    expect(await web.waitFor('192.0.2.1')).toBe(2);
    expect(await web.waitFor('192.0.2.2')).toBe(0);
    expect(await web.signIn(token, '192.0.2.1')).toBeDefined();
    expect(await web.waitFor('192.0.2.1')).toBe(0);
  });
});
