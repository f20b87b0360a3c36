/**
 * Browser sessions and failed sign-in counts in the table, both under `SESSION#`:
 *   pk = `SESSION#{sha256(session id)}`, sk = `SESSION`: role, state?, tokenId, createdAt,
 *     lastSeenAt, expiresAt (epoch seconds, the table's TTL attribute: the end by idle or absolute
 *     expiry, whichever is first; the reader checks the times itself, since TTL deletion is late).
 *   pk = `SESSION#FAILURES#{sha256(client address)}`, sk = `FAILURES`: failures, lastFailureAt,
 *     expiresAt (an hour after the last failure).
 * Only the hash of a session id is stored: the id itself lives in the browser's HttpOnly cookie.
 */

import { createHash } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { FAILURES_KEPT_SECONDS, sessionEndsAt, type WebSession } from '../domain/web-session.ts';
import { readItem, type Table, updateIf, updateItem } from './table.ts';

const sessionKey = (key: string) => ({ pk: `SESSION#${key}`, sk: 'SESSION' });
const failuresKey = (address: string) => ({
  pk: `SESSION#FAILURES#${createHash('sha256').update(address).digest('hex')}`,
  sk: 'FAILURES',
});
const epochSeconds = (ms: number) => Math.ceil(ms / 1000);

export interface SessionStore {
  put(session: WebSession): Promise<void>;
  get(key: string): Promise<WebSession | undefined>;
  /** Records use: `lastSeenAt` moves on, and the TTL with it. */
  touch(session: WebSession, at: Date): Promise<void>;
  delete(key: string): Promise<void>;
  failures(address: string): Promise<{ failures: number; lastFailureAt?: string }>;
  recordFailure(address: string, at: Date): Promise<void>;
  clearFailures(address: string): Promise<void>;
}

export function dynamoSessionStore(table: Table): SessionStore {
  const { db, tableName } = table;
  return {
    async put(session) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...sessionKey(session.key), ...session, expiresAt: epochSeconds(sessionEndsAt(session)) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    },
    async get(key) {
      const item = await readItem(table, sessionKey(key));
      if (!item) return undefined;
      const { role, state, tokenId, createdAt, lastSeenAt } = item as unknown as WebSession;
      return { key, role, tokenId, createdAt, lastSeenAt, ...(state ? { state } : {}) };
    },
    async touch(session, at) {
      const lastSeenAt = at.toISOString();
      await updateIf(table, {
        Key: sessionKey(session.key),
        UpdateExpression: 'SET lastSeenAt = :at, expiresAt = :exp',
        // A session signed out meanwhile stays gone.
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: {
          ':at': lastSeenAt,
          ':exp': epochSeconds(sessionEndsAt({ ...session, lastSeenAt })),
        },
      });
    },
    async delete(key) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: sessionKey(key) }));
    },
    async failures(address) {
      const item = await readItem(table, failuresKey(address));
      if (!item || (item.expiresAt as number) * 1000 < Date.now()) return { failures: 0 };
      return { failures: item.failures as number, lastFailureAt: item.lastFailureAt as string };
    },
    async recordFailure(address, at) {
      await updateItem(table, {
        Key: failuresKey(address),
        UpdateExpression: 'ADD failures :one SET lastFailureAt = :at, expiresAt = :exp',
        ExpressionAttributeValues: {
          ':one': 1,
          ':at': at.toISOString(),
          ':exp': epochSeconds(at.getTime()) + FAILURES_KEPT_SECONDS,
        },
      });
    },
    async clearFailures(address) {
      await db.send(new DeleteCommand({ TableName: tableName, Key: failuresKey(address) }));
    },
  };
}
