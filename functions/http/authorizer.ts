/**
 * The Lambda authorizer (HTTP API, simple responses) that runs before every `auth: 'token'` route,
 * in AWS and in the local gateway alike. It never denies: it says who is calling, and the handlers
 * decide (caller.ts), so a route can serve the public and officers alike and answer with a problem
 * that names the reason rather than API Gateway's bare 403.
 */
import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import type { TokenRecord } from '../adapters/token-store.ts';
import { bearerToken, type CallerRole, tokenId, tokenMatches } from '../domain/tokens.ts';

/** The authorizer's context, as handlers find it in `event.requestContext.authorizer.lambda`. */
export interface CallerContext {
  role: CallerRole;
  state?: string;
  tokenId?: string;
  authError?: 'invalid-token' | 'revoked-token';
}

export type AuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<Record<string, string>>;

/** Resolves an `Authorization` header to a caller, given a way to read a token record by id. */
export async function resolveCaller(
  authorization: string | undefined,
  findToken: (id: string) => Promise<TokenRecord | undefined>,
): Promise<CallerContext> {
  const bearer = bearerToken(authorization);
  if (bearer === undefined) return { role: 'public' };
  if ('malformed' in bearer) return { role: 'public', authError: 'invalid-token' };
  const id = tokenId(bearer.token);
  const record = id ? await findToken(id) : undefined;
  if (!record || !tokenMatches(bearer.token, record.hash))
    return { role: 'public', authError: 'invalid-token' };
  if (record.revokedAt) return { role: 'public', tokenId: record.id, authError: 'revoked-token' };
  return { role: record.role, tokenId: record.id, ...(record.state ? { state: record.state } : {}) };
}

/** The authorizer over a way to read a token record by id. */
export function authorizerHandler(findToken: (id: string) => Promise<TokenRecord | undefined>) {
  return async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> => {
    // API Gateway lower-cases header names in payload format 2.0.
    const caller = await resolveCaller(event.headers?.authorization, findToken);
    return { isAuthorized: true, context: { ...caller } as Record<string, string> };
  };
}
