/**
 * One page of a DynamoDB Query behind an opaque cursor: the page's LastEvaluatedKey as base64url
 * JSON, taken back only if `isStartKey` says it is a key of the same list, so that a cursor can
 * never start a read somewhere else.
 */

import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { invalidCursor } from '../domain/errors.ts';

export interface QueryPage {
  items: Record<string, unknown>[];
  /** Opaque; pass back as `cursor` for the next page. */
  next?: string;
}

/** The Query of one partition of an index, newest first (its sort keys start with a timestamp). */
export const newestFirst = (
  tableName: string,
  index: 'gsi1' | 'gsi2' | 'gsi3',
  partition: string,
): Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'> => ({
  TableName: tableName,
  IndexName: index,
  KeyConditionExpression: `${index}pk = :pk`,
  ExpressionAttributeValues: { ':pk': partition },
  ScanIndexForward: false,
});

export async function queryPage(
  db: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>,
  { limit, cursor }: { limit: number; cursor?: string | undefined },
  isStartKey: (key: Record<string, unknown>) => boolean,
): Promise<QueryPage> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  if (cursor) {
    let key: unknown;
    try {
      key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    const valid = typeof key === 'object' && key !== null && !Array.isArray(key);
    if (!valid || !isStartKey(key as Record<string, unknown>)) throw invalidCursor();
    ExclusiveStartKey = key as Record<string, unknown>;
  }
  const page = await db.send(new QueryCommand({ ...input, Limit: limit, ExclusiveStartKey }));
  const last = page.LastEvaluatedKey;
  return {
    items: page.Items ?? [],
    ...(last ? { next: Buffer.from(JSON.stringify(last)).toString('base64url') } : {}),
  };
}
