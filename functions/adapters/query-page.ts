/**
 * One page of a partition of an index, newest first (its sort keys start with a timestamp), behind
 * an opaque cursor: the page's LastEvaluatedKey as base64url JSON, taken back only if it is a key of
 * the same list, so that a cursor can never start a read somewhere else.
 */

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { invalidCursor } from '../domain/errors.ts';
import type { Page, PageRequest } from '../domain/subscriptions-service.ts';
import type { Item, Table } from './table.ts';

export interface NewestFirst<T> {
  index: 'gsi1' | 'gsi2' | 'gsi3';
  partition: string;
  /** Whether a table key (pk, sk) can be one of this list's items. */
  isItemKey: (pk: string, sk: string) => boolean;
  toItem: (item: Item) => T;
}

export async function queryNewestFirst<T>(
  { db, tableName }: Table,
  { limit, cursor }: PageRequest,
  { index, partition, isItemKey, toItem }: NewestFirst<T>,
): Promise<Page<T>> {
  const indexPk = `${index}pk`;
  const indexSk = `${index}sk`;
  let ExclusiveStartKey: Item | undefined;
  if (cursor) {
    let key: unknown;
    try {
      key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const k = (typeof key === 'object' && key !== null && !Array.isArray(key) ? key : {}) as Item;
    const valid =
      k[indexPk] === partition &&
      typeof k[indexSk] === 'string' &&
      typeof k.pk === 'string' &&
      typeof k.sk === 'string' &&
      isItemKey(k.pk, k.sk);
    if (!valid) throw invalidCursor();
    ExclusiveStartKey = k;
  }
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: `${indexPk} = :pk`,
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey,
    }),
  );
  const last = page.LastEvaluatedKey;
  return {
    items: (page.Items ?? []).map(toItem),
    ...(last ? { next: Buffer.from(JSON.stringify(last)).toString('base64url') } : {}),
  };
}
