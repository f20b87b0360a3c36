/**
 * Webhook subscriptions in the table. One item per subscription:
 *   pk = `SUBSCRIPTION#{id}`, sk = `SUBSCRIPTION`, attributes id, url, filters, status, owner,
 *   createdAt, secret; gsi1pk = `SUBSCRIPTIONS#active`, gsi1sk = `{createdAt}#{id}`, which the
 *   notify worker reads to fan an event out; gsi2pk = its owner's list (`SUBSCRIPTIONS#STATE#{state}`
 *   for a mission, whose tokens share their subscriptions, else `SUBSCRIPTIONS#TOKEN#{tokenId}`),
 *   gsi2sk = `{createdAt}#{id}`, which `GET /v1/subscriptions` reads.
 * The signing secret is an attribute of that item: encrypted at rest with the table, readable only
 * through the functions' IAM role, never returned after creation. Deleting removes the item
 * (secret included); its delivery records expire on their own (delivery-store.ts).
 */
import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Subscription, SubscriptionOwner } from '../domain/subscription.ts';
import { queryAll } from './query-all.ts';
import { queryPage } from './query-page.ts';

export interface SubscriptionStore {
  db: DynamoDBDocumentClient;
  tableName: string;
}

const ACTIVE = 'SUBSCRIPTIONS#active';
const key = (id: string) => ({ pk: `SUBSCRIPTION#${id}`, sk: 'SUBSCRIPTION' });

/** The list an owner's subscriptions are in; the same grouping as ownsSubscription (domain). */
const ownerList = (owner: SubscriptionOwner) =>
  owner.role === 'mission' && owner.state
    ? `SUBSCRIPTIONS#STATE#${owner.state}`
    : `SUBSCRIPTIONS#TOKEN#${owner.tokenId}`;

export async function putSubscription({ db, tableName }: SubscriptionStore, s: Subscription): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...key(s.id),
        ...s,
        gsi1pk: ACTIVE,
        gsi1sk: `${s.createdAt}#${s.id}`,
        gsi2pk: ownerList(s.owner),
        gsi2sk: `${s.createdAt}#${s.id}`,
      },
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

export interface SubscriptionPage {
  items: Subscription[];
  /** Opaque; pass back as `cursor` for the next page. */
  next?: string;
}

/** The subscriptions `owner` may manage, newest first: a mission's State's, or the token's own. */
export async function listSubscriptionsOf(
  { db, tableName }: SubscriptionStore,
  owner: SubscriptionOwner,
  page: { limit: number; cursor?: string | undefined },
): Promise<SubscriptionPage> {
  const gsi2pk = ownerList(owner);
  const { items, next } = await queryPage(
    db,
    {
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': gsi2pk },
      ScanIndexForward: false,
    },
    page,
    (k) =>
      k.gsi2pk === gsi2pk &&
      k.sk === 'SUBSCRIPTION' &&
      typeof k.pk === 'string' &&
      /^SUBSCRIPTION#sub_[0-9a-f]{24}$/.test(k.pk) &&
      typeof k.gsi2sk === 'string',
  );
  return { items: items.map(toSubscription), ...(next ? { next } : {}) };
}

function toSubscription(item: Record<string, unknown>): Subscription {
  const { id, url, filters, status, owner, createdAt, secret } = item as unknown as Subscription;
  return { id, url, filters: filters ?? {}, status, owner, createdAt, secret };
}
