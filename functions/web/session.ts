/**
 * Sessions as the web function sees them: the cookie that carries the id, the session it names
 * (checked against its expiries and its token on every request), and signing in and out. A token
 * is judged by the authorizer's own rule (resolveCaller), so the API and the pages agree on it.
 */
import type { SessionStore } from '../adapters/session-store.ts';
import type { TokenRecord } from '../adapters/token-store.ts';
import type { Role } from '../domain/tokens.ts';
import {
  csrfToken,
  isSessionId,
  isSessionLive,
  needsTouch,
  newSessionId,
  retryAfter,
  sessionKey,
  type WebSession,
} from '../domain/web-session.ts';
import { resolveCaller } from '../http/authorizer.ts';
import type { HttpEvent } from '../http/http-api.ts';

/** A session found for a request: the record, and the CSRF token its forms carry. */
export interface ActiveSession {
  session: WebSession & { role: Role };
  csrf: string;
}

export interface SessionDeps {
  store: SessionStore;
  findToken: (id: string) => Promise<TokenRecord | undefined>;
  /** `https://…` or `http://localhost:3000`: the site's own origin, from the public URL. */
  siteOrigin: string;
  now?: () => Date;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The cookie's name and attributes: `__Host-` (which needs `Secure`, no `Domain`, `Path=/`) except on
 * plain-HTTP loopback, where a browser would not send a `Secure` cookie at all.
 */
export function cookieSpec(siteOrigin: string): { name: string; attributes: string } {
  const url = new URL(siteOrigin);
  const insecure = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  return insecure
    ? { name: 'distr_session', attributes: 'HttpOnly; SameSite=Strict; Path=/' }
    : { name: '__Host-distr_session', attributes: 'HttpOnly; Secure; SameSite=Strict; Path=/' };
}

/** One cookie's value from the request (payload 2.0 hands them as `cookies`, else the header). */
export function cookieValue(event: HttpEvent, name: string): string | undefined {
  const pairs = event.cookies ?? (event.headers?.cookie ?? '').split(/;\s*/);
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

export const clientAddress = (event: HttpEvent): string => event.requestContext?.http?.sourceIp ?? 'unknown';

export function sessions({ store, findToken, siteOrigin, now = () => new Date() }: SessionDeps) {
  const cookie = cookieSpec(siteOrigin);

  /** The request's session id, if its cookie holds one of the right shape. */
  const sessionIdOf = (event: HttpEvent): string | undefined => {
    const value = cookieValue(event, cookie.name);
    return isSessionId(value) ? value : undefined;
  };

  return {
    cookieName: cookie.name,
    sessionIdOf,

    /**
     * The live session of a request, or undefined. Its token is read on every request (one strongly
     * consistent GetItem), so a revoked token ends its sessions at the next page load; an expired or
     * revoked session is deleted then and there.
     */
    async current(event: HttpEvent): Promise<(ActiveSession & { id: string }) | undefined> {
      const id = sessionIdOf(event);
      if (!id) return undefined;
      const key = sessionKey(id);
      const session = await store.get(key);
      if (!session) return undefined;
      const at = now();
      const token = isSessionLive(session, at) ? await findToken(session.tokenId) : undefined;
      if (!token || token.revokedAt) {
        await store.delete(key);
        return undefined;
      }
      if (needsTouch(session, at)) await store.touch(session, at);
      return { id, session, csrf: csrfToken(id) };
    },

    /** Seconds an address must still wait before another sign-in attempt. */
    async waitFor(address: string): Promise<number> {
      const { failures, lastFailureAt } = await store.failures(address);
      return retryAfter(failures, lastFailureAt, now());
    },

    /** A new session for a valid token, or undefined (the failure counted against the address). */
    async signIn(
      token: string,
      address: string,
    ): Promise<{ id: string; session: WebSession; setCookie: string } | undefined> {
      const caller = await resolveCaller(`Bearer ${token}`, findToken);
      const at = now();
      if (caller.role === 'public' || !caller.tokenId) {
        await store.recordFailure(address, at);
        return undefined;
      }
      await store.clearFailures(address);
      const id = newSessionId();
      const session: WebSession = {
        key: sessionKey(id),
        role: caller.role,
        tokenId: caller.tokenId,
        createdAt: at.toISOString(),
        lastSeenAt: at.toISOString(),
        ...(caller.state ? { state: caller.state as WebSession['state'] & string } : {}),
      };
      await store.put(session);
      return { id, session, setCookie: `${cookie.name}=${id}; ${cookie.attributes}` };
    },

    async signOut(id: string): Promise<void> {
      await store.delete(sessionKey(id));
    },

    /** The cookie that makes the browser forget its session. */
    clearCookie: `${cookie.name}=; ${cookie.attributes}; Max-Age=0`,
  };
}

export type Sessions = ReturnType<typeof sessions>;
