/**
 * Webhook subscriptions in the table. One item per subscription:
 *   pk = `SUBSCRIPTION#{id}`, sk = `SUBSCRIPTION`, attributes id, url, filters, status, owner,
 *   createdAt; gsi1pk = `SUBSCRIPTIONS#active`, gsi1sk = `{createdAt}#{id}`, which the
 *   notify worker reads to fan an event out; gsi2pk = its owner's list (`SUBSCRIPTIONS#STATE#{state}`
 *   for a mission, whose tokens share their subscriptions, else `SUBSCRIPTIONS#TOKEN#{tokenId}`),
 *   gsi2sk = `{createdAt}#{id}`, which `GET /v1/subscriptions` reads.
 * The signing secret is an item of its own, `pk = SECRET#{id}`, `sk = SECRET`: a partition that IAM
 * (dynamodb:LeadingKeys) opens to the API, which writes and deletes it, and to the deliver worker,
 * which signs with it, but not to the notify worker that lists the subscriptions. It is encrypted at
 * rest with the table and never returned after creation. Deleting removes both items; the delivery
 * records expire on their own (delivery-store.ts).
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SecretsPort, SubscriptionsPort } from '../domain/notifier.ts';
import type { Subscription, SubscriptionOwner } from '../domain/subscription.ts';
import type { PageRequest, SubscriptionRepository } from '../domain/subscriptions-service.ts';
import { queryAll } from './query-all.ts';
import { queryNewestFirst } from './query-page.ts';
import { readItem, type Table } from './table.ts';

export type SubscriptionStore = Table;

const ACTIVE = 'SUBSCRIPTIONS#active';
const key = (id: string) => ({ pk: `SUBSCRIPTION#${id}`, sk: 'SUBSCRIPTION' });
const secretKey = (id: string) => ({ pk: `SECRET#${id}`, sk: 'SECRET' });

/** The list an owner's subscriptions are in; the same grouping as ownsSubscription (domain). */
const ownerList = (owner: SubscriptionOwner) =>
  owner.role === 'mission' && owner.state
    ? `SUBSCRIPTIONS#STATE#${owner.state}`
    : `SUBSCRIPTIONS#TOKEN#${owner.tokenId}`;

/**
 * Stores a subscription and its signing secret. The secret goes first, so a subscription is never
 * listed without one; a crash in between leaves only a secret nothing points to.
 */
export async function putSubscription(
  { db, tableName }: SubscriptionStore,
  s: Subscription,
  secret: string,
): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...secretKey(s.id), subscriptionId: s.id, secret },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
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
  store: SubscriptionStore,
  id: string,
): Promise<Subscription | undefined> {
  const item = await readItem(store, key(id));
  return item ? toSubscription(item) : undefined;
}

/** The secret a subscription's deliveries are signed with (the deliver worker's read). */
export async function getSigningSecret(store: SubscriptionStore, id: string): Promise<string | undefined> {
  const item = await readItem(store, secretKey(id));
  return typeof item?.secret === 'string' ? item.secret : undefined;
}

/**
 * Deletes a subscription, then its secret (so no delivery finds the one without the other); deleting
 * one that is already gone is not an error.
 */
export async function deleteSubscription({ db, tableName }: SubscriptionStore, id: string): Promise<void> {
  await db.send(new DeleteCommand({ TableName: tableName, Key: key(id) }));
  await db.send(new DeleteCommand({ TableName: tableName, Key: secretKey(id) }));
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

/** The subscriptions `owner` may manage, newest first: a mission's State's, or the token's own. */
export const listSubscriptionsOf = (store: SubscriptionStore, owner: SubscriptionOwner, page: PageRequest) =>
  queryNewestFirst(store, page, {
    index: 'gsi2',
    partition: ownerList(owner),
    isItemKey: (pk, sk) => sk === 'SUBSCRIPTION' && /^SUBSCRIPTION#sub_[0-9a-f]{24}$/.test(pk),
    toItem: toSubscription,
  });

/** Every subscription, newest first, a page at a time (the officers' view). */
export const listAllSubscriptions = (store: SubscriptionStore, page: PageRequest) =>
  queryNewestFirst(store, page, {
    index: 'gsi1',
    partition: ACTIVE,
    isItemKey: (pk, sk) => sk === 'SUBSCRIPTION' && /^SUBSCRIPTION#sub_[0-9a-f]{24}$/.test(pk),
    toItem: toSubscription,
  });

/** The subscriptions and their secrets as the notifier and the subscriptions service reach them. */
export function createSubscriptionStore(
  db: DynamoDBDocumentClient,
  tableName: string,
): SubscriptionsPort & SecretsPort & SubscriptionRepository {
  const store = { db, tableName };
  return {
    put: (subscription, secret) => putSubscription(store, subscription, secret),
    get: (id) => getSubscription(store, id),
    delete: (id) => deleteSubscription(store, id),
    listActive: () => listActiveSubscriptions(store),
    listOf: (owner, page) => listSubscriptionsOf(store, owner, page),
    listAll: (page) => listAllSubscriptions(store, page),
    signingSecret: (id) => getSigningSecret(store, id),
  };
}

function toSubscription(item: Record<string, unknown>): Subscription {
  const { id, url, filters, status, owner, createdAt } = item as unknown as Subscription;
  return { id, url, filters: filters ?? {}, status, owner, createdAt };
}
