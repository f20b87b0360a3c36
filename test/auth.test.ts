import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { TokenRecord } from '../functions/adapters/token-store.ts';
import {
  bearerToken,
  generateToken,
  hashToken,
  parseGrant,
  tokenId,
  tokenMatches,
} from '../functions/domain/tokens.ts';
import { resolveCaller } from '../functions/http/authorizer.ts';
import { callerOf, requireRole } from '../functions/http/caller.ts';
import { type HttpEvent, httpApi } from '../functions/http/http-api.ts';
import type { Problem } from '../functions/http/problem.ts';
import { createHandler } from '../functions/wiring/authorizer.ts';

describe('tokens', () => {
  it('are distr_<16 hex id>_<64 hex secret>, 256 random bits, and only their hash is kept', () => {
    const a = generateToken();
    const b = generateToken();
    expect(a.token).toMatch(/^distr_[0-9a-f]{16}_[0-9a-f]{64}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.id).not.toBe(b.id);
    expect(tokenId(a.token)).toBe(a.id);
    expect(a.hash).toBe(hashToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token.split('_')[2]);
  });

  it('match only their own hash', () => {
    const { token, hash } = generateToken();
    expect(tokenMatches(token, hash)).toBe(true);
    expect(tokenMatches(`${token.slice(0, -1)}0`, hash)).toBe(token.endsWith('0'));
    expect(tokenMatches(token, generateToken().hash)).toBe(false);
    expect(tokenMatches(token, 'abc')).toBe(false);
  });

  it('are read from a Bearer header only', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('  ')).toBeUndefined();
    expect(bearerToken('Bearer abc')).toEqual({ token: 'abc' });
    expect(bearerToken('bearer   abc ')).toEqual({ token: 'abc' });
    expect(bearerToken('Basic abc')).toEqual({ malformed: true });
    expect(bearerToken('Bearer a b')).toEqual({ malformed: true });
    expect(tokenId('distr_0123_abc')).toBeUndefined();
  });

  it('grant a mission one State and other roles none', () => {
    expect(parseGrant('mission', 'deu')).toEqual({ role: 'mission', state: 'DEU' });
    expect(parseGrant('officer', undefined)).toEqual({ role: 'officer' });
    expect(parseGrant('mission', undefined)).toMatch(/--state/);
    expect(parseGrant('mission', 'XXX')).toMatch(/--state/);
    expect(parseGrant('officer', 'DEU')).toMatch(/only to --role mission/);
    expect(parseGrant('admin', undefined)).toMatch(/--role must be one of mission, officer, subscriber/);
  });
});

describe('resolveCaller', () => {
  const issued = generateToken();
  const record: TokenRecord = {
    id: issued.id,
    role: 'mission',
    state: 'DEU',
    hash: issued.hash,
    createdAt: '2025-06-01T00:00:00.000Z',
  };
  const find = async (id: string) => (id === record.id ? record : undefined);

  it('resolves a valid token to its role, State and id', async () => {
    expect(await resolveCaller(`Bearer ${issued.token}`, find)).toEqual({
      role: 'mission',
      state: 'DEU',
      tokenId: issued.id,
    });
  });

  it('never denies: no header is public, bad ones are public with the reason', async () => {
    expect(await resolveCaller(undefined, find)).toEqual({ role: 'public' });
    expect(await resolveCaller('Basic x', find)).toEqual({ role: 'public', authError: 'invalid-token' });
    expect(await resolveCaller(`Bearer ${generateToken().token}`, find)).toEqual({
      role: 'public',
      authError: 'invalid-token',
    });
    const forged = `distr_${issued.id}_${'0'.repeat(64)}`;
    expect(await resolveCaller(`Bearer ${forged}`, find)).toEqual({
      role: 'public',
      authError: 'invalid-token',
    });
    const revoked = async () => ({ ...record, revokedAt: '2025-06-02T00:00:00.000Z' });
    expect(await resolveCaller(`Bearer ${issued.token}`, revoked)).toEqual({
      role: 'public',
      tokenId: issued.id,
      authError: 'revoked-token',
    });
  });
});

describe('the authorizer Lambda', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  afterEach(() => ddb.reset());

  it('reads the token by id with one consistent GetItem and returns a simple response', async () => {
    const issued = generateToken();
    ddb.on(GetCommand).resolves({
      Item: {
        pk: `TOKEN#${issued.id}`,
        sk: 'TOKEN',
        id: issued.id,
        role: 'officer',
        hash: issued.hash,
        createdAt: 'x',
      },
    });
    const handler = createHandler({ TABLE_NAME: 'tokens-table', AWS_REGION: 'us-east-1' });
    const event = {
      headers: { authorization: `Bearer ${issued.token}` },
    } as unknown as APIGatewayRequestAuthorizerEventV2;
    expect(await handler(event)).toEqual({
      isAuthorized: true,
      context: { role: 'officer', tokenId: issued.id },
    });
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      TableName: 'tokens-table',
      Key: { pk: `TOKEN#${issued.id}`, sk: 'TOKEN' },
      ConsistentRead: true,
    });
  });

  it('does not touch the table for anonymous or malformed callers', async () => {
    const handler = createHandler({ TABLE_NAME: 't', AWS_REGION: 'us-east-1' });
    expect(await handler({ headers: {} } as unknown as APIGatewayRequestAuthorizerEventV2)).toEqual({
      isAuthorized: true,
      context: { role: 'public' },
    });
    expect(
      await handler({
        headers: { authorization: 'Bearer nope' },
      } as unknown as APIGatewayRequestAuthorizerEventV2),
    ).toEqual({ isAuthorized: true, context: { role: 'public', authError: 'invalid-token' } });
    expect(ddb).not.toHaveReceivedAnyCommand();
  });
});

describe('caller checks', () => {
  const event = (lambda?: Record<string, unknown>) =>
    ({ rawPath: '/v1/x', requestContext: lambda ? { authorizer: { lambda } } : {} }) as unknown as HttpEvent;
  const statusOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as Problem).status;
    }
    return 200;
  };

  it('reads the authorizer context, ignoring anything it does not know', () => {
    expect(callerOf(event({ role: 'mission', state: 'DEU', tokenId: 't1' }))).toEqual({
      role: 'mission',
      state: 'DEU',
      tokenId: 't1',
    });
    expect(callerOf(event({ role: 'root' }))).toEqual({ role: 'public' });
    expect(callerOf(event())).toEqual({ role: 'public' });
    expect(callerOf(event({ role: 'public', authError: 'revoked-token' }))).toEqual({
      role: 'public',
      authError: 'revoked-token',
    });
  });

  it('answers 401 without or with bad credentials, 403 for the wrong role', () => {
    expect(statusOf(() => requireRole(event(), 'officer'))).toBe(401);
    expect(
      statusOf(() => requireRole(event({ role: 'public', authError: 'invalid-token' }), 'officer')),
    ).toBe(401);
    expect(
      statusOf(() => requireRole(event({ role: 'mission', state: 'DEU', tokenId: 't' }), 'officer')),
    ).toBe(403);
    expect(statusOf(() => requireRole(event({ role: 'mission', tokenId: 't' }), 'mission'))).toBe(403);
    expect(statusOf(() => requireRole(event({ role: 'officer', tokenId: 't' }), 'mission', 'officer'))).toBe(
      200,
    );
  });

  it('adds the Bearer challenge to 401s, and only to them', async () => {
    const api = httpApi([
      {
        method: 'GET',
        path: '/v1/x',
        handler: async (e: HttpEvent) => {
          requireRole(e, 'officer');
          return { statusCode: 200 };
        },
      },
    ]);
    const call = (lambda?: Record<string, unknown>) =>
      api(
        {
          version: '2.0',
          rawPath: '/v1/x',
          headers: {},
          requestContext: {
            http: { method: 'GET', path: '/v1/x' },
            ...(lambda ? { authorizer: { lambda } } : {}),
          },
        } as unknown as HttpEvent,
        {} as Context,
      );
    const anonymous = await call();
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers?.['www-authenticate']).toBe('Bearer');
    expect(anonymous.headers?.['content-type']).toBe('application/problem+json');
    const revoked = await call({ role: 'public', authError: 'revoked-token' });
    expect(revoked.headers?.['www-authenticate']).toMatch(/^Bearer error="invalid_token"/);
    const wrongRole = await call({ role: 'subscriber', tokenId: 't' });
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.headers?.['www-authenticate']).toBeUndefined();
  });
});
