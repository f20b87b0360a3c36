/**
 * What an officer does with API tokens from the console: list them, issue a mission's or a
 * subscriber's, revoke one. The token and its record are made as the CLI makes them (tokens.ts
 * newTokenRecord); the console adds its own rules: no officer token (the first one, and every other,
 * comes from the CLI, run with the operator's own credentials), a form posted twice issues one token,
 * and an officer cannot revoke the token of their own session. No AWS here: storage comes through
 * the port, implemented by adapters/token-store.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from './errors.ts';
import { isStateCode } from './member-states.ts';
import { type Grant, newTokenRecord, TOKEN_ID_RE, type TokenRecord } from './tokens.ts';

export interface TokenRegistry {
  /** Stores a new token; false when its id is already taken. */
  create(record: TokenRecord): Promise<boolean>;
  /** Revokes a token (revoking again keeps the first time); undefined if there is none. */
  revoke(id: string, at: string): Promise<TokenRecord | undefined>;
  /** Every token, newest first. */
  list(): Promise<TokenRecord[]>;
}

/** The roles the console issues tokens for. */
export const CONSOLE_ROLES = ['mission', 'subscriber'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

export type GrantProblem =
  | { field: 'role'; problem: 'role' }
  | { field: 'state'; problem: 'state-missing' | 'state-not-for-role' };

/** The console form's role and State as a grant, or what is wrong with them. */
export function consoleGrant(role: string | undefined, state: string | undefined): Grant | GrantProblem {
  if (!CONSOLE_ROLES.includes(role as ConsoleRole)) return { field: 'role', problem: 'role' };
  const code = state?.trim().toUpperCase() || undefined;
  if (role === 'mission') {
    return isStateCode(code) ? { role, state: code } : { field: 'state', problem: 'state-missing' };
  }
  return code === undefined ? { role: 'subscriber' } : { field: 'state', problem: 'state-not-for-role' };
}

/** A form's key: 128 random bits in hex, handed out with the form. */
export const FORM_KEY_RE = /^[0-9a-f]{32}$/;

/**
 * The id of the token one form issues: derived from the form's key and the officer's token, so the
 * same form posted again names the same token, which the store then refuses to create twice.
 */
export const formTokenId = (officerTokenId: string, formKey: string): string =>
  createHash('sha256').update(`console-token\n${officerTokenId}\n${formKey}`).digest('hex').slice(0, 16);

export type Issued =
  | { created: true; id: string; token: string; record: TokenRecord }
  | { created: false; id: string };

export function createTokensService(registry: TokenRegistry, clock: () => Date = () => new Date()) {
  return {
    list: () => registry.list(),

    /** Issues the token of one console form; the form posted again issues nothing and says so. */
    async issueOnce(caller: { tokenId: string }, grant: Grant, formKey: string): Promise<Issued> {
      if (grant.role === 'officer') {
        throw new DomainError('forbidden', 'Officer tokens are created with the command line only.');
      }
      if (!FORM_KEY_RE.test(formKey)) throw new DomainError('malformed', 'The form key is not valid.');
      const id = formTokenId(caller.tokenId, formKey);
      const made = newTokenRecord(grant, { now: clock(), id });
      return (await registry.create(made.record)) ? { created: true, ...made } : { created: false, id };
    },

    /** Revokes a token; not the caller's own, which would end the session doing it. */
    async revoke(caller: { tokenId: string }, id: string): Promise<TokenRecord> {
      if (!TOKEN_ID_RE.test(id)) throw new DomainError('not-found', `There is no token ${id}.`);
      if (id === caller.tokenId) {
        throw new DomainError('forbidden', 'An officer cannot revoke the token of their own session here.');
      }
      const revoked = await registry.revoke(id, clock().toISOString());
      if (!revoked) throw new DomainError('not-found', `There is no token ${id}.`);
      return revoked;
    },
  };
}

export type TokensService = ReturnType<typeof createTokensService>;

/** The key a new console form carries. */
export const newFormKey = (): string => randomBytes(16).toString('hex');
