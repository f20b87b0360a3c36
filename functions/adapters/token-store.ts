/**
 * API tokens in the table. One item per token, keyed by the token's id:
 *   pk = `TOKEN#{id}`, sk = `TOKEN`, attributes id, role, state?, hash (SHA-256 hex of the whole
 *   token), createdAt, revokedAt?, label?; gsi1pk = `TOKENS`, gsi1sk = `{createdAt}#{id}` for listing.
 * The authorizer reads the item by the id carried in the token (one GetItem, strongly consistent, so
 * a revocation or a new token counts at once) and compares hashes.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StateCode } from '../domain/member-states.ts';
import { pickFields } from '../domain/pick-fields.ts';
import { newTokenRecord, type Role, type TokenRecord } from '../domain/tokens.ts';
import type { TokenRegistry } from '../domain/tokens-service.ts';
import { queryAll } from './query-all.ts';
import { createItem, readItem, type Table, updateIf } from './table.ts';

export type { TokenRecord };

export type TokenStore = Table;

const key = (id: string) => ({ pk: `TOKEN#${id}`, sk: 'TOKEN' });
const item = (record: TokenRecord) => ({
  ...key(record.id),
  ...record,
  gsi1pk: 'TOKENS',
  gsi1sk: `${record.createdAt}#${record.id}`,
});

export async function putToken({ db, tableName }: TokenStore, record: TokenRecord): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: item(record),
      // A 64-bit random id never collides in practice; the condition makes sure it never overwrites.
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

/** Stores a token unless its id is taken: false then (the same console form posted again). */
export const createToken = (store: TokenStore, record: TokenRecord): Promise<boolean> =>
  createItem(store, item(record));

export async function getToken(store: TokenStore, id: string): Promise<TokenRecord | undefined> {
  const item = await readItem(store, key(id));
  return item ? toRecord(item) : undefined;
}

/** Revokes a token; revoking it again keeps the first revocation time. Returns undefined if unknown. */
export async function revokeToken(
  store: TokenStore,
  id: string,
  at: string,
): Promise<TokenRecord | undefined> {
  const revoked = await updateIf(store, {
    Key: key(id),
    UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':at': at },
    ReturnValues: 'ALL_NEW',
  });
  return revoked?.Attributes ? toRecord(revoked.Attributes) : undefined;
}

/** All tokens, newest first (a handful per deployment, so this reads every page). */
export async function listTokens({ db, tableName }: TokenStore): Promise<TokenRecord[]> {
  const items = await queryAll(db, {
    TableName: tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': 'TOKENS' },
    ScanIndexForward: false,
  });
  return items.map(toRecord);
}

function toRecord(item: Record<string, unknown>): TokenRecord {
  const record = item as unknown as TokenRecord;
  return pickFields(record, ['id', 'role', 'hash', 'createdAt'], ['state', 'revokedAt', 'label']);
}

/** Creates and stores a new token; the plain token is returned once and never kept. */
export async function issueToken(
  store: TokenStore,
  grant: { role: Role; state?: StateCode },
  { now, label }: { now: Date; label?: string },
): Promise<{ id: string; token: string; record: TokenRecord }> {
  const { id, token, record } = newTokenRecord(grant, { now, ...(label ? { label } : {}) });
  await putToken(store, record);
  return { id, token, record };
}

/** The tokens as the console's service reaches them. */
export const tokenRegistry = (store: TokenStore): TokenRegistry => ({
  create: (record) => createToken(store, record),
  revoke: (id, at) => revokeToken(store, id, at),
  list: () => listTokens(store),
});
