/**
 * API tokens: who a caller is. A token is `distr_<id>_<secret>`: the id names the stored record (so
 * resolving a token is one read by key and revoking one is one write), the 256-bit secret proves
 * possession. Only the SHA-256 of the whole token is ever stored.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isStateCode, type StateCode } from './member-states.ts';

export const ROLES = ['mission', 'officer', 'subscriber'] as const;
export type Role = (typeof ROLES)[number];
/** Who the authorizer says is calling; `public` has no (valid) credentials. */
export type CallerRole = Role | 'public';

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

const TOKEN_RE = /^distr_([0-9a-f]{16})_([0-9a-f]{64})$/;
export const TOKEN_ID_RE = /^[0-9a-f]{16}$/;

export interface NewToken {
  id: string;
  /** Shown once to the operator, never stored. */
  token: string;
  hash: string;
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A new token; `id` given (16 hex digits) when the caller names it, as a form's key does. */
export function generateToken(id: string = randomBytes(8).toString('hex')): NewToken {
  if (!TOKEN_ID_RE.test(id)) throw new RangeError(`${id} is not a token id (16 hex digits)`);
  const token = `distr_${id}_${randomBytes(32).toString('hex')}`;
  return { id, token, hash: hashToken(token) };
}

/** The id inside a well-formed token, or undefined for anything else. */
export function tokenId(token: string): string | undefined {
  return TOKEN_RE.exec(token)?.[1];
}

/** Compares a presented token with a stored hash in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** The bearer token of an `Authorization` header; `undefined` when there is no header at all. */
export function bearerToken(header: string | undefined): { token: string } | { malformed: true } | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  return match?.[1] ? { token: match[1] } : { malformed: true };
}

/** What a token grants: a role, and for a mission the one State it speaks for. */
export interface Grant {
  role: Role;
  state?: StateCode;
}

/** Checks the operator's choice of role and State: a mission needs one State, others none. */
export function parseGrant(role: string | undefined, state: string | undefined): Grant | string {
  if (!isRole(role)) return `--role must be one of ${ROLES.join(', ')}`;
  if (role === 'mission') {
    const code = state?.toUpperCase();
    if (!isStateCode(code))
      return '--state must be the ISO 3166-1 alpha-3 code of a Member or observer State';
    return { role, state: code };
  }
  if (state !== undefined) return `--state applies only to --role mission`;
  return { role };
}

/** A token as it is stored: never the token itself, only its SHA-256. */
export interface TokenRecord {
  id: string;
  role: Role;
  state?: StateCode;
  hash: string;
  createdAt: string;
  revokedAt?: string;
  label?: string;
}

/** A new token and the record to store; the plain token is returned once and never kept. */
export function newTokenRecord(
  grant: Grant,
  { now, label, id }: { now: Date; label?: string; id?: string },
): { id: string; token: string; record: TokenRecord } {
  const made = generateToken(id);
  const record: TokenRecord = {
    id: made.id,
    ...grant,
    hash: made.hash,
    createdAt: now.toISOString(),
    ...(label ? { label } : {}),
  };
  return { id: made.id, token: made.token, record };
}
