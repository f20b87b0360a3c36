/**
 * Who is calling, as the authorizer resolved it, and the checks handlers make with it:
 * no or bad credentials → 401 (with a `WWW-Authenticate: Bearer` challenge), wrong role → 403.
 * Hiding another mission's submission (404) is the handler's business: only it knows the owner.
 */
import { isStateCode, type StateCode } from '../domain/member-states.ts';
import type { Actor } from '../domain/submission-record.ts';
import { type CallerRole, isRole, type Role } from '../domain/tokens.ts';
import type { HttpEvent } from './http-api.ts';
import { Problem } from './problem.ts';

export interface Caller {
  role: CallerRole;
  /** The State a mission speaks for. */
  state?: StateCode;
  tokenId?: string;
  authError?: 'invalid-token' | 'revoked-token';
}

/** A 401: the problem plus the challenge API clients expect (RFC 6750). */
export class Unauthenticated extends Problem {
  constructor(detail: string, error?: 'invalid_token') {
    const challenge = error ? `Bearer error="${error}", error_description="${detail}"` : 'Bearer';
    super(401, detail, { headers: { 'www-authenticate': challenge } });
  }
}

export function callerOf(event: HttpEvent): Caller {
  const context = (event.requestContext as { authorizer?: { lambda?: Record<string, unknown> } }).authorizer
    ?.lambda;
  const role = context?.role;
  if (!isRole(role)) {
    const authError = context?.authError;
    return authError === 'invalid-token' || authError === 'revoked-token'
      ? { role: 'public', authError }
      : { role: 'public' };
  }
  const tokenId = typeof context?.tokenId === 'string' ? context.tokenId : undefined;
  const state = isStateCode(context?.state) ? context.state : undefined;
  return { role, ...(tokenId ? { tokenId } : {}), ...(state ? { state } : {}) };
}

/** The caller, if it holds one of `roles`; otherwise throws the 401 or 403 that explains why not. */
export function requireRole<R extends Role>(
  event: HttpEvent,
  ...roles: R[]
): Caller & { role: R; tokenId: string } {
  const caller = callerOf(event);
  if (caller.authError === 'revoked-token')
    throw new Unauthenticated('The bearer token has been revoked.', 'invalid_token');
  if (caller.authError === 'invalid-token')
    throw new Unauthenticated('The bearer token is not valid.', 'invalid_token');
  if (caller.role === 'public' || !caller.tokenId) {
    throw new Unauthenticated('This route needs credentials: send `Authorization: Bearer <token>`.');
  }
  if (!roles.includes(caller.role as R)) {
    throw new Problem(
      403,
      `This route is for the ${roles.join(' or ')} role; your token has the ${caller.role} role.`,
    );
  }
  if (caller.role === 'mission' && !caller.state) {
    // A mission token always carries its State; without it the caller cannot own anything.
    throw new Problem(403, 'This mission token is not bound to a State.');
  }
  return caller as Caller & { role: R; tokenId: string };
}

export const actorOf = (caller: { role: Role; tokenId: string }): Actor => ({
  role: caller.role,
  tokenId: caller.tokenId,
});
