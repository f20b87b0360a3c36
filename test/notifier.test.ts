/**
 * The notification steps (fan-out, then one signed attempt per message) against in-memory ports
 * that behave like the adapters; the SQS and DynamoDB side is covered by webhook-deliver.test.ts
 * and the integration tests.
 */
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import type { DeliveryMessage } from '../functions/domain/delivery.ts';
import { type DocumentDistributedEvent, documentEventId } from '../functions/domain/document-event.ts';
import { comesBack, createNotifier, type NotifierPorts } from '../functions/domain/notifier.ts';
import type { Subscription } from '../functions/domain/subscription.ts';
import type { SubscriptionFilters } from '../functions/domain/subscription-filters.ts';
import { generateWebhookSecret } from '../functions/domain/webhook-signature.ts';
import {
  manualClock,
  memoryDeliveries,
  memoryDeliveryQueue,
  memorySubscriptions,
  scriptedWebhooks,
} from './support/memory-ports.ts';

const LEASE_MS = 40_000;

const subscription = (n: number, filters: SubscriptionFilters): Subscription => ({
  id: `sub_${String(n).padStart(24, '0')}`,
  url: `https://hooks${n}.example.org/distr`,
  filters,
  status: 'active',
  owner: { role: 'subscriber', tokenId: `token-${n}` },
  createdAt: `2025-06-0${n}T00:00:00.000Z`,
});

const event = (organs: Array<'GA' | 'SC'>, distribution = 1): DocumentDistributedEvent => ({
  type: 'document.distributed',
  id: documentEventId('doc-1', distribution),
  occurredAt: '2025-06-19T10:00:00.000Z',
  document: {
    symbols: organs.map((o) => (o === 'GA' ? 'A/79/923' : 'S/2025/341')),
    organs,
    ...(organs.includes('GA') ? { session: 79 } : {}),
    year: 2025,
    agendaItems: [],
    languages: ['en', 'fr'],
    jobNumber: '25-09876',
    issued: '2025-06-19',
    links: { metadata: 'https://distr.example/v1/documents/A/79/923', pdf: {} },
  },
});

function setup(options: { answer?: Parameters<typeof scriptedWebhooks>[0]; withoutSecret?: boolean } = {}) {
  const ga = subscription(1, { organs: ['GA'] });
  const sc = subscription(2, { organs: ['SC'] });
  const all = subscription(3, {});
  const secrets = new Map([ga, sc, all].map((s) => [s.id, generateWebhookSecret()]));
  const subscriptions = memorySubscriptions(
    [ga, sc, all].map((s) => ({
      subscription: s,
      ...(options.withoutSecret && s === ga ? {} : { secret: secrets.get(s.id) as string }),
    })),
  );
  const ports = {
    subscriptions,
    secrets: subscriptions,
    deliveries: memoryDeliveries(),
    queue: memoryDeliveryQueue(),
    webhooks: scriptedWebhooks(options.answer),
    // Now, not a fixed date: receivers refuse a signature whose timestamp is more than minutes off.
    clock: manualClock(new Date()),
  } satisfies NotifierPorts;
  const notifier = createNotifier(ports, { retryBaseSeconds: 30, maxReceiveCount: 6, leaseMs: LEASE_MS });
  return { ...ports, notifier, ga, sc, all, secrets };
}

const attempt = (receiveCount: number) => ({ receiveCount, receipt: `receipt-${receiveCount}` });
const body = (message: DeliveryMessage | undefined) => JSON.stringify(message);

describe('fan-out', () => {
  it('records and queues a delivery for each matching subscription only', async () => {
    const { notifier, deliveries, queue, ga, all } = setup();
    const gaEvent = event(['GA']);
    expect(await notifier.fanOut([JSON.stringify(gaEvent)])).toEqual([
      { ok: true, eventId: gaEvent.id, subscriptions: 2 },
    ]);
    expect(queue.sent.map((m) => m.subscriptionId).sort()).toEqual([ga.id, all.id].sort());
    expect(queue.sent.every((m) => m.eventId === gaEvent.id && m.payload === JSON.stringify(gaEvent))).toBe(
      true,
    );
    expect([...deliveries.records.values()].map((d) => [d.subscriptionId, d.status]).sort()).toEqual(
      [
        [ga.id, 'pending'],
        [all.id, 'pending'],
      ].sort(),
    );
  });

  it('records nothing twice for a redelivered event, and its deliveries are sent once', async () => {
    const { notifier, deliveries, queue, webhooks } = setup();
    const both = JSON.stringify(event(['GA', 'SC']));
    await notifier.fanOut([both]);
    await notifier.fanOut([both]);
    // Queued again (the first run may have died before sending), but one record per subscription.
    expect(queue.sent).toHaveLength(6);
    expect(deliveries.records.size).toBe(3);
    for (const message of queue.sent) await notifier.deliver(body(message), attempt(1));
    expect(webhooks.posts.map((p) => p.url).sort()).toEqual([
      'https://hooks1.example.org/distr',
      'https://hooks2.example.org/distr',
      'https://hooks3.example.org/distr',
    ]);
    expect([...deliveries.records.values()].map((d) => d.status)).toEqual([
      'delivered',
      'delivered',
      'delivered',
    ]);
  });

  it('fails only the event that is not one, and reads the subscriptions once per batch', async () => {
    const { notifier, subscriptions } = setup();
    const results = await notifier.fanOut([
      JSON.stringify(event(['GA'], 1)),
      JSON.stringify(event(['SC'], 2)),
      '{"type": "document.withdrawn"}',
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(subscriptions.listed).toBe(1);
  });
});

describe('deliver', () => {
  async function queued(s = setup()) {
    await s.notifier.fanOut([JSON.stringify(event(['GA']))]);
    const message = s.queue.sent.find((m) => m.subscriptionId === s.ga.id);
    if (!message) throw new Error('nothing queued for the GA subscription');
    return { ...s, message, key: { subscriptionId: message.subscriptionId, eventId: message.eventId } };
  }

  it('POSTs the payload signed with the subscription secret, and records it delivered', async () => {
    const { notifier, message, webhooks, deliveries, secrets, ga, key } = await queued();
    expect(await notifier.deliver(body(message), attempt(1))).toEqual({
      kind: 'delivered',
      key,
      statusCode: 200,
    });
    const [post] = webhooks.posts;
    expect(post?.url).toBe(ga.url);
    expect(post?.body).toBe(message.payload);
    expect(() =>
      new Webhook(secrets.get(ga.id) as string).verify(post?.body ?? '', post?.headers ?? {}),
    ).not.toThrow();
    expect(deliveries.find(key)).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200 });
  });

  it('sends once when the same message is handled twice at the same time, and never after delivery', async () => {
    const { notifier, message, webhooks } = await queued();
    const outcomes = await Promise.all([
      notifier.deliver(body(message), attempt(1)),
      notifier.deliver(body(message), attempt(1)),
    ]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['claimed-elsewhere', 'delivered']);
    expect(await notifier.deliver(body(message), attempt(2))).toMatchObject({ kind: 'claimed-elsewhere' });
    expect(webhooks.posts).toHaveLength(1);
  });

  it('waits longer after each failed attempt, and records when the next one is due', async () => {
    const s = await queued(setup({ answer: () => ({ status: 503, body: 'busy' }) }));
    const delays: number[] = [];
    for (const receiveCount of [1, 2, 3, 4, 5]) {
      const outcome = await s.notifier.deliver(body(s.message), attempt(receiveCount));
      expect(outcome).toMatchObject({ kind: 'retrying', error: 'the endpoint answered 503: busy' });
      expect(comesBack(outcome)).toBe(true);
      const record = s.deliveries.find(s.key);
      const delay = s.queue.delays.at(-1)?.seconds ?? 0;
      expect(record).toMatchObject({ status: 'retrying', attempts: receiveCount, lastStatusCode: 503 });
      expect(Date.parse(record?.nextAttemptAt ?? '')).toBe(s.clock().getTime() + delay * 1000);
      delays.push(delay);
      s.clock.advance(delay * 1000);
    }
    expect(delays).toEqual([30, 120, 480, 1920, 7680]);
    expect(s.queue.delays.map((d) => d.receipt)).toEqual([1, 2, 3, 4, 5].map((n) => `receipt-${n}`));
  });

  it('parks the delivery on the last attempt the queue allows, letting the message go at once', async () => {
    const s = await queued(
      setup({
        answer: () => {
          throw new Error('connect ECONNREFUSED 203.0.113.9:443');
        },
      }),
    );
    const outcome = await s.notifier.deliver(body(s.message), attempt(6));
    expect(outcome).toMatchObject({ kind: 'parked', delaySeconds: 1 });
    expect(comesBack(outcome)).toBe(true);
    const record = s.deliveries.find(s.key);
    expect(record).toMatchObject({ status: 'parked', lastError: 'connect ECONNREFUSED 203.0.113.9:443' });
    expect(record?.nextAttemptAt).toBeUndefined();
    expect(record?.lastStatusCode).toBeUndefined();
    expect(s.queue.delays).toEqual([{ receipt: 'receipt-6', seconds: 1 }]);
  });

  it('sends nothing, and claims nothing, for a subscription without a secret or one deleted', async () => {
    const s = await queued(setup({ withoutSecret: true }));
    expect(await s.notifier.deliver(body(s.message), attempt(1))).toEqual({ kind: 'no-secret', key: s.key });
    await s.subscriptions.delete(s.all.id);
    const gone = s.queue.sent.find((m) => m.subscriptionId === s.all.id);
    expect(await s.notifier.deliver(body(gone), attempt(1))).toMatchObject({ kind: 'subscription-gone' });
    expect(s.webhooks.posts).toEqual([]);
    expect([...s.deliveries.records.values()].every((d) => d.status === 'pending' && d.attempts === 0)).toBe(
      true,
    );
  });

  it('refuses a message that is not a delivery', async () => {
    const { notifier } = setup();
    await expect(notifier.deliver('{"subscriptionId": 1}', attempt(1))).rejects.toThrow(
      'Not a delivery message',
    );
  });
});
