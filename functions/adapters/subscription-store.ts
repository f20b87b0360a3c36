/**
 * Webhook subscriptions in the table. One item per subscription:
 *   pk = `SUBSCRIPTION#{id}`, sk = `SUBSCRIPTION`, attributes id, url, filters, status, owner,
 *   createdAt, secret; gsi1pk = `SUBSCRIPTIONS#active`, gsi1sk = `{createdAt}#{id}`, which the
 *   notify worker reads to fan an event out.
 * The signing secret is an attribute of that item: encrypted at rest with the table, readable only
 * through the functions' IAM role, never returned after creation. Deleting removes the item
 * (secret included); its delivery records expire on their own (delivery-store.ts).
 */
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Subscription } from '../domain/subscription.ts';
import { queryAll } from './query-all.ts';

export interface SubscriptionStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

const ACTIVE = 'SUBSCRIPTIONS#active';
const key = (id: string) => ({ pk: `SUBSCRIPTION#${id}`, sk: 'SUBSCRIPTION' });

export async function putSubscription({ db, tableName }: SubscriptionStore, s: Subscription): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...key(s.id), ...s, gsi1pk: ACTIVE, gsi1sk: `${s.createdAt}#${s.id}` },
      // A 96-bit random id never collides in practice; the condition makes sure it never overwrites.
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getSubscription(
  { db, tableName }: SubscriptionStore,
  id: string,
): Promise<Subscription | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: key(id), ConsistentRead: true }),
  );
  return Item ? toSubscription(Item) : undefined;
}

/** Deletes a subscription; deleting one that is already gone is not an error. */
export async function deleteSubscription({ db, tableName }: SubscriptionStore, id: string): Promise<void> {
  await db.send(new DeleteCommand({ TableName: tableName, Key: key(id) }));
}

/** Every active subscription (all pages): the notify worker matches each event against them. */
export async function listActiveSubscriptions({ db, tableName }: SubscriptionStore): Promise<Subscription[]> {
  const items = await queryAll(db, {
    TableName: tableName,
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': ACTIVE },
  });
  return items.map(toSubscription);
}

function toSubscription(item: Record<string, unknown>): Subscription {
  const { id, url, filters, status, owner, createdAt, secret } = item as unknown as Subscription;
  return { id, url, filters: filters ?? {}, status, owner, createdAt, secret };
}
