/**
 * Notifications, the steps: fanning a `document.distributed` event out to the subscriptions whose
 * filters match it, and delivering each one as a signed webhook, against small ports so the logic has
 * no AWS in it (DynamoDB and SQS adapters in `functions/adapters/`). The rules are in delivery.ts,
 * subscription-filters.ts and webhook-signature.ts.
 *
 * Why every step is safe to repeat (SQS delivers at least once):
 *
 * 1. Fan-out records each delivery as `pending` (one record per event and subscription, created
 *    only if absent) before queueing its message, and queues the messages even when the records
 *    existed: a run that died after recording and before sending is finished by the redelivery.
 * 2. A delivery is claimed before each attempt. The claim fails for a delivered one and while
 *    another sender holds an unexpired lease, so duplicates of a message send nothing twice. The
 *    lease outlasts one run and ends before the message can be received again, so a crashed
 *    sender's message finds it expired.
 * 3. A failed attempt is recorded and the message's next appearance pushed back with growing
 *    delays; the attempt the queue allows last records `parked` and lets SQS move the message to
 *    the dead-letter queue.
 */
import {
  afterFailedAttempt,
  type Delivery,
  type DeliveryKey,
  type DeliveryMessage,
  describeFailure,
  eventTypeOf,
  type FailedAttempt,
  isAccepted,
  parseDeliveryMessage,
} from './delivery.ts';
import { parseDocumentEvent } from './document-event.ts';
import type { Subscription } from './subscription.ts';
import { matchesFilters } from './subscription-filters.ts';
import type { WebhookClient } from './webhook-endpoint.ts';
import { signWebhook } from './webhook-signature.ts';

// ---- Ports -------------------------------------------------------------------------------------

export interface SubscriptionsPort {
  /** Every active subscription (all pages). */
  listActive(): Promise<Subscription[]>;
  get(id: string): Promise<Subscription | undefined>;
}

export interface SecretsPort {
  /** The secret a subscription's deliveries are signed with. */
  signingSecret(subscriptionId: string): Promise<string | undefined>;
}

export type Claim = { claimed: true; delivery: Delivery } | { claimed: false; delivery?: Delivery };

export interface DeliveriesPort {
  /** Creates the `pending` record; false if it exists already (a redelivered event). */
  record(delivery: DeliveryKey & { eventType: string; now: Date }): Promise<boolean>;
  /**
   * The right to make the next attempt: only if not delivered and no other sender holds an
   * unexpired lease. Creates the record if the fan-out's write never happened.
   */
  claim(key: DeliveryKey & { eventType: string }, lease: { now: Date; leaseMs: number }): Promise<Claim>;
  markDelivered(key: DeliveryKey, outcome: { now: Date; statusCode: number }): Promise<void>;
  /** Records a failed attempt; never downgrades a delivery another sender completed meanwhile. */
  markFailed(key: DeliveryKey, failure: FailedAttempt): Promise<void>;
}

export interface DeliveryQueuePort {
  /** Queues one message per delivery; throws if any could not be queued. */
  send(messages: DeliveryMessage[]): Promise<void>;
  /** Makes the received message `receipt` appear again in `seconds`. */
  delay(receipt: string, seconds: number): Promise<void>;
}

export interface NotifierPorts {
  subscriptions: SubscriptionsPort;
  secrets: SecretsPort;
  deliveries: DeliveriesPort;
  queue: DeliveryQueuePort;
  webhooks: WebhookClient;
  clock?: () => Date;
}

export interface NotifierOptions {
  /** Seconds before the first retry; later ones grow fourfold. */
  retryBaseSeconds: number;
  /** The deliveries queue's redrive limit: the attempt at this receive count is the last. */
  maxReceiveCount: number;
  /** How long a claim holds; shorter than the queue's visibility timeout, longer than one run. */
  leaseMs: number;
}

// ---- Outcomes ----------------------------------------------------------------------------------

export type FanOutResult =
  | { ok: true; eventId: string; subscriptions: number }
  | { ok: false; error: unknown };

/** One received delivery message: the receive count SQS reports, and what the queue needs to delay it. */
export interface Attempt {
  receiveCount: number;
  receipt: string;
}

export type DeliveryOutcome =
  | { kind: 'delivered'; key: DeliveryKey; statusCode: number }
  /** Delivered already, or a duplicate of a message another sender is working on right now. */
  | { kind: 'claimed-elsewhere'; key: DeliveryKey }
  | { kind: 'subscription-gone'; key: DeliveryKey }
  /** Only a subscription stored before secrets had items of their own can lack one. */
  | { kind: 'no-secret'; key: DeliveryKey }
  | {
      kind: 'retrying' | 'parked';
      key: DeliveryKey;
      receiveCount: number;
      error: string;
      delaySeconds: number;
      /** Why the delay could not be set; the queue's own visibility timeout then spaces the retry. */
      delayFailure?: unknown;
    };

/** Whether the message must come back (a failed attempt) rather than be deleted. */
export const comesBack = (outcome: DeliveryOutcome): boolean =>
  outcome.kind === 'retrying' || outcome.kind === 'parked';

// ---- Steps -------------------------------------------------------------------------------------

export function createNotifier(ports: NotifierPorts, options: NotifierOptions) {
  const clock = ports.clock ?? (() => new Date());

  async function fanOutOne(body: string, subscriptions: () => Promise<Subscription[]>) {
    const parsed = parseDocumentEvent(body);
    // Fails the message: it never becomes valid, so it goes to the dead-letter queue for a look.
    if (!parsed.ok) throw new Error(`Not a document.distributed event: ${parsed.reason}`);
    const event = parsed.value;
    const matching = (await subscriptions()).filter((s) => matchesFilters(s.filters, event.document));
    for (const s of matching) {
      await ports.deliveries.record({
        subscriptionId: s.id,
        eventId: event.id,
        eventType: event.type,
        now: clock(),
      });
    }
    // Sent even when the record already existed: the earlier run may have died before sending.
    const payload = JSON.stringify(event);
    await ports.queue.send(matching.map((s) => ({ subscriptionId: s.id, eventId: event.id, payload })));
    return { eventId: event.id, subscriptions: matching.length };
  }

  /**
   * Fans out a batch of events, one after the other. The subscriptions are read once per batch,
   * only if an event needs them, and again after a failure.
   */
  async function fanOut(bodies: readonly string[]): Promise<FanOutResult[]> {
    let cached: Promise<Subscription[]> | undefined;
    const subscriptions = () => {
      cached ??= ports.subscriptions.listActive();
      return cached;
    };
    const results: FanOutResult[] = [];
    for (const body of bodies) {
      try {
        results.push({ ok: true, ...(await fanOutOne(body, subscriptions)) });
      } catch (error) {
        results.push({ ok: false, error });
        cached = undefined;
      }
    }
    return results;
  }

  /** Makes one attempt at the delivery a queue message asks for; throws if the body is not one. */
  async function deliver(body: string, attempt: Attempt): Promise<DeliveryOutcome> {
    const message = parseDeliveryMessage(body);
    if (!message) throw new Error('Not a delivery message');
    const key = { subscriptionId: message.subscriptionId, eventId: message.eventId };
    const subscription = await ports.subscriptions.get(message.subscriptionId);
    if (subscription?.status !== 'active') return { kind: 'subscription-gone', key };
    const secret = await ports.secrets.signingSecret(message.subscriptionId);
    if (!secret) return { kind: 'no-secret', key };
    const eventType = eventTypeOf(message.payload);
    const claim = await ports.deliveries.claim(
      { ...key, eventType },
      { now: clock(), leaseMs: options.leaseMs },
    );
    if (!claim.claimed) return { kind: 'claimed-elsewhere', key };

    const headers = signWebhook(secret, message.eventId, clock(), message.payload);
    let failure: { status?: number; body?: string; error?: string };
    try {
      const response = await ports.webhooks.post(subscription.url, { ...headers }, message.payload);
      if (isAccepted(response.status)) {
        await ports.deliveries.markDelivered(key, { now: clock(), statusCode: response.status });
        return { kind: 'delivered', key, statusCode: response.status };
      }
      failure = { status: response.status, body: response.body };
    } catch (error) {
      failure = { error: (error as Error).message };
    }

    const error = describeFailure(failure);
    const next = afterFailedAttempt(attempt.receiveCount, options);
    const parked = next.status === 'parked';
    await ports.deliveries.markFailed(key, {
      now: clock(),
      status: next.status,
      error,
      ...(failure.status !== undefined ? { statusCode: failure.status } : {}),
      ...(parked ? {} : { nextAttemptAt: new Date(clock().getTime() + next.delaySeconds * 1000) }),
    });
    const outcome = {
      kind: next.status,
      key,
      receiveCount: attempt.receiveCount,
      error,
      delaySeconds: next.delaySeconds,
    };
    try {
      // A parked message is made visible (almost) at once, so SQS moves it to the dead-letter queue.
      await ports.queue.delay(attempt.receipt, next.delaySeconds);
      return outcome;
    } catch (delayFailure) {
      return { ...outcome, delayFailure };
    }
  }

  return { fanOut, deliver };
}

export type Notifier = ReturnType<typeof createNotifier>;
