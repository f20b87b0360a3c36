/**
 * Webhook delivery records in the table, a partition per subscription:
 *   pk = `DELIVERY#{subscriptionId}`, sk = `EVENT#{eventId}`, the fields of `Delivery`,
 *   leaseUntil (epoch ms, while a sender holds it), expiresAt (TTL, 30 days);
 *   gsi2pk = `DELIVERIES#{subscriptionId}`, gsi2sk = `{createdAt}#{eventId}` to list newest first.
 * No transactions: each step is one conditional write on that one item, so retries and duplicate
 * messages are safe on dynalite and DynamoDB alike.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Delivery, DeliveryKey, FailedAttempt } from '../domain/delivery.ts';
import type { Claim, DeliveriesPort } from '../domain/notifier.ts';
import type { DeliveryListPort, PageRequest } from '../domain/subscriptions-service.ts';
import { queryNewestFirst } from './query-page.ts';
import { createItem, readItem, type Table, updateIf, updateItem } from './table.ts';

export type DeliveryStore = Table;

const RETENTION_SECONDS = 30 * 24 * 60 * 60;

// A partition of their own, not the subscription's: IAM, which sees partition keys only, then lets
// the notify worker record deliveries without letting it touch subscriptions.
const key = ({ subscriptionId, eventId }: DeliveryKey) => ({
  pk: `DELIVERY#${subscriptionId}`,
  sk: `EVENT#${eventId}`,
});

/** Creates the `pending` record of a delivery; false if it already exists (a redelivered event). */
export async function recordDelivery(
  store: DeliveryStore,
  delivery: DeliveryKey & { eventType: string; now: Date },
): Promise<boolean> {
  const at = delivery.now.toISOString();
  return createItem(store, {
    ...key(delivery),
    subscriptionId: delivery.subscriptionId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: 'pending',
    attempts: 0,
    createdAt: at,
    updatedAt: at,
    gsi2pk: `DELIVERIES#${delivery.subscriptionId}`,
    gsi2sk: `${at}#${delivery.eventId}`,
    expiresAt: Math.floor(delivery.now.getTime() / 1000) + RETENTION_SECONDS,
  });
}

export async function getDelivery(store: DeliveryStore, k: DeliveryKey): Promise<Delivery | undefined> {
  const item = await readItem(store, key(k));
  return item ? toDelivery(item) : undefined;
}

/**
 * Takes the right to make the next attempt: only if the delivery is not delivered and no other
 * sender holds an unexpired lease. Creates the record if the fan-out's write never happened.
 * The lease must end before the message could be received again, so a crashed sender's message
 * finds it expired.
 */
export async function claimDelivery(
  store: DeliveryStore,
  k: DeliveryKey & { eventType: string },
  { now, leaseMs }: { now: Date; leaseMs: number },
): Promise<Claim> {
  const at = now.toISOString();
  const claimed = await updateIf(store, {
    Key: key(k),
    UpdateExpression: [
      'SET #status = if_not_exists(#status, :pending)',
      'attempts = if_not_exists(attempts, :zero) + :one',
      'leaseUntil = :lease',
      'updatedAt = :at',
      'createdAt = if_not_exists(createdAt, :at)',
      'subscriptionId = :sub',
      'eventId = :evt',
      'eventType = if_not_exists(eventType, :type)',
      'gsi2pk = :g2pk',
      'gsi2sk = if_not_exists(gsi2sk, :g2sk)',
      'expiresAt = if_not_exists(expiresAt, :exp)',
    ].join(', '),
    ConditionExpression:
      'attribute_not_exists(pk) OR (#status <> :delivered AND (attribute_not_exists(leaseUntil) OR leaseUntil < :nowMs))',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':pending': 'pending',
      ':delivered': 'delivered',
      ':zero': 0,
      ':one': 1,
      ':lease': now.getTime() + leaseMs,
      ':nowMs': now.getTime(),
      ':at': at,
      ':sub': k.subscriptionId,
      ':evt': k.eventId,
      ':type': k.eventType,
      ':g2pk': `DELIVERIES#${k.subscriptionId}`,
      ':g2sk': `${at}#${k.eventId}`,
      ':exp': Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
    },
    ReturnValues: 'ALL_NEW',
  });
  if (claimed) return { claimed: true, delivery: toDelivery(claimed.Attributes ?? {}) };
  // dynalite returns no item with the failure, so read it to say why.
  return { claimed: false, delivery: await getDelivery(store, k) };
}

export async function markDelivered(
  store: DeliveryStore,
  k: DeliveryKey,
  { now, statusCode }: { now: Date; statusCode: number },
): Promise<void> {
  await updateItem(store, {
    Key: key(k),
    UpdateExpression:
      'SET #status = :delivered, deliveredAt = :at, updatedAt = :at, lastStatusCode = :code REMOVE leaseUntil, nextAttemptAt',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':delivered': 'delivered', ':at': now.toISOString(), ':code': statusCode },
  });
}

/** Records a failed attempt; never downgrades a delivery another sender completed meanwhile. */
export async function markFailed(
  store: DeliveryStore,
  k: DeliveryKey,
  failure: FailedAttempt,
): Promise<void> {
  const set = ['#status = :status', 'lastError = :error', 'updatedAt = :at'];
  const remove = ['leaseUntil'];
  const values: Record<string, unknown> = {
    ':status': failure.status,
    ':error': failure.error,
    ':at': failure.now.toISOString(),
    ':delivered': 'delivered',
  };
  if (failure.statusCode !== undefined) {
    set.push('lastStatusCode = :code');
    values[':code'] = failure.statusCode;
  } else remove.push('lastStatusCode');
  if (failure.nextAttemptAt) {
    set.push('nextAttemptAt = :next');
    values[':next'] = failure.nextAttemptAt.toISOString();
  } else remove.push('nextAttemptAt');
  await updateIf(store, {
    Key: key(k),
    UpdateExpression: `SET ${set.join(', ')} REMOVE ${remove.join(', ')}`,
    ConditionExpression: 'attribute_exists(pk) AND #status <> :delivered',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: values,
  });
}

/** A subscription's deliveries, newest first. */
export const listDeliveries = (store: DeliveryStore, subscriptionId: string, page: PageRequest) =>
  queryNewestFirst(store, page, {
    index: 'gsi2',
    partition: `DELIVERIES#${subscriptionId}`,
    isItemKey: (pk) => pk === `DELIVERY#${subscriptionId}`,
    toItem: toDelivery,
  });

/** The delivery records as the notifier and the subscriptions service reach them. */
export function createDeliveryStore(
  db: DynamoDBDocumentClient,
  tableName: string,
): DeliveriesPort & DeliveryListPort {
  const store = { db, tableName };
  return {
    record: (delivery) => recordDelivery(store, delivery),
    claim: (k, lease) => claimDelivery(store, k, lease),
    markDelivered: (k, outcome) => markDelivered(store, k, outcome),
    markFailed: (k, failure) => markFailed(store, k, failure),
    list: (subscriptionId, page) => listDeliveries(store, subscriptionId, page),
  };
}

function toDelivery(item: Record<string, unknown>): Delivery {
  const d = item as unknown as Delivery;
  return {
    subscriptionId: d.subscriptionId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    attempts: d.attempts ?? 0,
    ...(d.lastError ? { lastError: d.lastError } : {}),
    ...(d.lastStatusCode !== undefined ? { lastStatusCode: d.lastStatusCode } : {}),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    ...(d.deliveredAt ? { deliveredAt: d.deliveredAt } : {}),
    ...(d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt } : {}),
  };
}
