/**
 * Idempotency records in the table: pk = `IDEMPOTENCY#{scope}#{key}`, sk = `IDEMPOTENCY`, with the
 * request hash, status, reserved resource id, lease and stored response; `expiresAt` (epoch seconds)
 * lets DynamoDB's TTL drop them after a day. Every write is one conditional write on that one item.
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IdempotencyKeyRef, IdempotencyRecord, IdempotencyStore } from '../domain/idempotency.ts';
import { ifConditionHolds, readItem, updatedIf, updateItem } from './table.ts';

/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

export function dynamoIdempotencyStore<R>({
  db,
  tableName,
  now = Date.now,
}: {
  db: DynamoDBDocumentClient;
  tableName: string;
  now?: () => number;
}): IdempotencyStore<R> {
  const key = ({ scope, key }: IdempotencyKeyRef) => ({
    pk: `IDEMPOTENCY#${scope}#${key}`,
    sk: 'IDEMPOTENCY',
  });
  const nowSeconds = () => Math.floor(now() / 1000);
  const table = { db, tableName };

  const get = async (ref: IdempotencyKeyRef): Promise<IdempotencyRecord<R> | undefined> => {
    const item = await readItem(table, key(ref));
    // TTL deletes lazily: an expired record is as good as gone.
    if (!item || (item.expiresAt as number) < nowSeconds()) return undefined;
    const { requestHash, status, resourceId, lockedUntil, response } =
      item as unknown as IdempotencyRecord<R>;
    return { requestHash, status, resourceId, lockedUntil, ...(response !== undefined ? { response } : {}) };
  };

  return {
    get,
    async claim(ref, record) {
      const claimed = await ifConditionHolds(
        db.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...key(ref), ...record, expiresAt: nowSeconds() + IDEMPOTENCY_TTL_SECONDS },
            ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
            ExpressionAttributeValues: { ':now': nowSeconds() },
          }),
        ),
      );
      if (claimed) return undefined;
      // Someone holds the key. If it vanished in between (released), report it as in progress so the
      // caller looks again rather than assuming it won.
      return (
        (await get(ref)) ?? {
          ...record,
          requestHash: record.requestHash,
          lockedUntil: 0,
          status: 'in-progress',
        }
      );
    },
    async takeOver(ref, seenLockedUntil, lockedUntil) {
      return updatedIf(table, {
        Key: key(ref),
        UpdateExpression: 'SET lockedUntil = :new',
        ConditionExpression: '#status = :inProgress AND lockedUntil = :seen',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':new': lockedUntil,
          ':seen': seenLockedUntil,
          ':inProgress': 'in-progress',
        },
      });
    },
    async complete(ref, response) {
      await updateItem(table, {
        Key: key(ref),
        UpdateExpression: 'SET #status = :done, #response = :response',
        ExpressionAttributeNames: { '#status': 'status', '#response': 'response' },
        ExpressionAttributeValues: { ':done': 'done', ':response': response },
      });
    },
    async release(ref) {
      await ifConditionHolds(
        db.send(
          new DeleteCommand({
            TableName: tableName,
            Key: key(ref),
            ConditionExpression: '#status = :inProgress',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':inProgress': 'in-progress' },
          }),
        ),
      );
    },
  };
}
