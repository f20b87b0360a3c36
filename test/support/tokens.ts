/** Bearer tokens for tests, stored straight into a running local Distr's table. */
import { issueToken } from '../../functions/adapters/token-store.ts';
import type { StateCode } from '../../functions/domain/member-states.ts';
import type { Role } from '../../functions/domain/tokens.ts';
import type { Runtime } from '../../functions/local/runtime.ts';
import { table } from './seed.ts';

/** A fresh token of `role`; a mission's speaks for `state`, Germany unless said otherwise. */
export async function tokenFor(distr: Runtime, role: Role, state?: StateCode): Promise<string> {
  const grant = role === 'mission' ? { role, state: state ?? 'DEU' } : { role, ...(state ? { state } : {}) };
  const { token } = await issueToken(table(distr), grant, { now: new Date() });
  return token;
}
