/**
 * The rules of a signed-in browser session, apart from where sessions are kept: the session id and
 * the key it is stored under, idle and absolute expiry, the CSRF token of its forms, the Origin check,
 * where a sign-in may send the browser back to, and how repeated failed sign-ins are slowed down.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isLang, type Lang } from './languages.ts';
import type { StateCode } from './member-states.ts';
import type { Role } from './tokens.ts';

/** A session unused this long ends. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** A session ends this long after sign-in, however much it is used. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/**
 * `lastSeenAt` is written again only when it is older than this, so that a burst of page loads is one
 * write, not one each; the idle expiry is then at most this much early, never late.
 */
export const SESSION_TOUCH_MS = 60 * 1000;

export interface WebSession {
  /** `sha256(id)` in hex: what the table holds instead of the id itself. */
  key: string;
  role: Role;
  state?: StateCode;
  tokenId: string;
  createdAt: string;
  lastSeenAt: string;
}

/** A new session id: 256 random bits, URL-safe. */
export const newSessionId = (): string => randomBytes(32).toString('base64url');

/** The key a session id is stored under: a stolen table dump names no usable session. */
export const sessionKey = (id: string): string => createHash('sha256').update(id).digest('hex');

/** What a session id in a cookie may look like (43 base64url characters); anything else is no session. */
export const isSessionId = (value: string | undefined): value is string =>
  value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);

/** The instant a session ends, whichever of the two expiries comes first. */
export function sessionEndsAt(session: Pick<WebSession, 'createdAt' | 'lastSeenAt'>): number {
  return Math.min(
    Date.parse(session.lastSeenAt) + SESSION_IDLE_MS,
    Date.parse(session.createdAt) + SESSION_ABSOLUTE_MS,
  );
}

export const isSessionLive = (session: Pick<WebSession, 'createdAt' | 'lastSeenAt'>, now: Date): boolean =>
  now.getTime() < sessionEndsAt(session);

export const needsTouch = (session: Pick<WebSession, 'lastSeenAt'>, now: Date): boolean =>
  now.getTime() - Date.parse(session.lastSeenAt) >= SESSION_TOUCH_MS;

/**
 * The CSRF token of a session's forms: an HMAC keyed by the session id, which only the HttpOnly
 * cookie holds, so another site can neither read nor compute it, and it changes with every session.
 */
export const csrfToken = (sessionId: string): string =>
  createHmac('sha256', sessionId).update('distr csrf').digest('base64url');

export function csrfMatches(sessionId: string, sent: string | undefined): boolean {
  if (typeof sent !== 'string') return false;
  const want = Buffer.from(csrfToken(sessionId));
  const got = Buffer.from(sent);
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * Where a state-changing request comes from, by `Origin` (or, without one, `Referer`): this site,
 * another, or unsaid. Browsers send `Origin` with every form POST; only a non-browser client says
 * nothing, and it cannot carry a victim's cookie.
 */
export function requestOrigin(
  headers: { origin?: string; referer?: string },
  siteOrigin: string,
): 'same' | 'cross' | 'absent' {
  const said = headers.origin ?? headers.referer;
  if (said === undefined || said === '') return 'absent';
  try {
    return new URL(said).origin === siteOrigin ? 'same' : 'cross';
  } catch {
    return 'cross';
  }
}

/**
 * Where to go after signing in: the path asked for if it is one of this site's signed-in pages
 * (`/{lang}/portal…`, `/{lang}/console…`), else the portal or the console by role. A full URL,
 * `//host`, a backslash or a control character is never followed: no open redirect.
 */
export function returnPath(asked: string | undefined, fallback: string): string {
  if (!asked || asked.length > 500) return fallback;
  const unsafe = [...asked].some((c) => c === '\\' || c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (!asked.startsWith('/') || asked.startsWith('//') || unsafe) return fallback;
  let url: URL;
  try {
    url = new URL(asked, 'https://site.invalid');
  } catch {
    return fallback;
  }
  if (url.origin !== 'https://site.invalid') return fallback;
  const [lang, area] = url.pathname.split('/').filter(Boolean);
  if (!isLang(lang) || (area !== 'portal' && area !== 'console')) return fallback;
  return `${url.pathname}${url.search}`;
}

/** The page a role lands on after signing in. */
export const homeOf = (role: Role, lang: Lang): string =>
  role === 'officer' ? `/${lang}/console` : `/${lang}/portal`;

/** Failed sign-ins from one address allowed before each further attempt must wait. */
export const FREE_FAILURES = 5;
/** The longest wait, and how long a count of failures is kept after the last one. */
export const MAX_WAIT_SECONDS = 15 * 60;
export const FAILURES_KEPT_SECONDS = 60 * 60;

/**
 * How long after its last failure an address must wait before trying again: nothing for the first
 * few, then 2 s doubling with each failure, never more than a quarter of an hour.
 */
export function waitSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_WAIT_SECONDS, 2 ** (failures - FREE_FAILURES + 1));
}

/** Seconds still to wait before another attempt, given the failures counted and the last one's time. */
export function retryAfter(failures: number, lastFailureAt: string | undefined, now: Date): number {
  if (!lastFailureAt) return 0;
  const until = Date.parse(lastFailureAt) + waitSeconds(failures) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}
