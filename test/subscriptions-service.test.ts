/**
 * The subscriptions service against in-memory ports: what is checked before anything is stored, and
 * who may see or delete a subscription. The HTTP answers are covered by the integration tests.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../functions/domain/errors.ts';
import type { SubscriptionOwner } from '../functions/domain/subscription.ts';
import { createSubscriptionsService } from '../functions/domain/subscriptions-service.ts';
import { WebhookRequestError } from '../functions/domain/webhook-endpoint.ts';
import {
  manualClock,
  memoryDeliveries,
  memorySubscriptions,
  scriptedWebhooks,
} from './support/memory-ports.ts';

const subscriber: SubscriptionOwner = { role: 'subscriber', tokenId: 'token-s' };
const officer: SubscriptionOwner = { role: 'officer', tokenId: 'token-o' };
const germany = (tokenId: string): SubscriptionOwner => ({ role: 'mission', tokenId, state: 'DEU' });

/** An endpoint that echoes the challenge, as a verified one does. */
const echoing = () =>
  scriptedWebhooks(({ body }) => ({
    status: 200,
    body: JSON.stringify({ challenge: (JSON.parse(body) as { challenge: string }).challenge }),
  }));

function setup(webhooks = echoing()) {
  const subscriptions = memorySubscriptions();
  const deliveries = memoryDeliveries();
  const service = createSubscriptionsService(
    { subscriptions, deliveries, webhooks, clock: manualClock('2025-06-19T10:00:00Z') },
    { policy: { allowLoopback: false } },
  );
  return { service, subscriptions, deliveries, webhooks };
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('subscriptions service: create', () => {
  it('verifies the endpoint, then stores the subscription with its secret', async () => {
    const { service, subscriptions, webhooks } = setup();
    const { subscription, secret } = await service.create(germany('t1'), {
      url: 'https://hooks.example.org/distr',
      filters: { organs: ['GA'] },
    });
    expect(webhooks.posts).toHaveLength(1);
    expect(JSON.parse(webhooks.posts[0]?.body ?? '{}')).toMatchObject({ type: 'subscription.verification' });
    expect(subscription).toMatchObject({
      url: 'https://hooks.example.org/distr',
      filters: { organs: ['GA'] },
      status: 'active',
      owner: { role: 'mission', tokenId: 't1', state: 'DEU' },
      createdAt: '2025-06-19T10:00:00.000Z',
    });
    expect(await subscriptions.signingSecret(subscription.id)).toBe(secret);
  });

  it('refuses a URL the policy refuses, naming /url, without calling it or storing anything', async () => {
    const { service, subscriptions, webhooks } = setup();
    const error = await refusal(service.create(subscriber, { url: 'http://127.0.0.1:8080/hook' }));
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(/^The endpoint URL cannot be used: /);
    expect(error.problems.map((p) => p.field)).toEqual(['/url']);
    expect(webhooks.posts).toEqual([]);
    expect(await subscriptions.listActive()).toEqual([]);
  });

  it.each([
    ['a wrong echo', () => ({ status: 200, body: '{"challenge": "no"}' }), /did not echo the challenge/],
    ['an error status', () => ({ status: 404, body: '' }), /answered 404, not 200/],
    [
      'no answer',
      () => {
        throw new WebhookRequestError('no response within 10 s');
      },
      /no response within 10 s/,
    ],
  ])('stores nothing when the endpoint gives %s', async (_, answer, reason) => {
    const { service, subscriptions } = setup(scriptedWebhooks(answer));
    const error = await refusal(service.create(subscriber, { url: 'https://hooks.example.org/distr' }));
    expect(error.kind).toBe('invalid');
    expect(error.problems[0]).toMatchObject({ field: '/url', message: expect.stringMatching(reason) });
    expect(await subscriptions.listActive()).toEqual([]);
  });

  it('lets an unexpected failure of the client through as it is', async () => {
    const broken = scriptedWebhooks(() => {
      throw new TypeError('bug');
    });
    await expect(
      setup(broken).service.create(subscriber, { url: 'https://hooks.example.org/' }),
    ).rejects.toThrow(TypeError);
  });
});

describe('subscriptions service: who sees what', () => {
  it('shows a subscription to its owner, its State and officers; only owners may delete it', async () => {
    const { service } = setup();
    const { subscription } = await service.create(germany('t1'), { url: 'https://hooks.example.org/a' });
    expect((await service.get(germany('t2'), subscription.id)).id).toBe(subscription.id);
    expect((await service.get(officer, subscription.id)).id).toBe(subscription.id);
    expect((await refusal(service.get(subscriber, subscription.id))).kind).toBe('not-found');
    expect((await refusal(service.delete(officer, subscription.id))).kind).toBe('forbidden');
    await service.delete(germany('t2'), subscription.id);
    expect((await refusal(service.get(germany('t1'), subscription.id))).kind).toBe('not-found');
  });

  it('lists only what the caller may manage', async () => {
    const { service } = setup();
    const first = await service.create(germany('t1'), { url: 'https://hooks.example.org/1' });
    const second = await service.create(germany('t2'), { url: 'https://hooks.example.org/2' });
    await service.create(subscriber, { url: 'https://hooks.example.org/3' });
    const page = await service.list(germany('t3'), { limit: 25 });
    expect(page.items.map((s) => s.id).sort()).toEqual(
      [first.subscription.id, second.subscription.id].sort(),
    );
    expect((await service.list(officer, { limit: 25 })).items).toEqual([]);
  });

  it('reads the deliveries page only once the caller may see the subscription', async () => {
    const { service, deliveries } = setup();
    const { subscription } = await service.create(subscriber, { url: 'https://hooks.example.org/d' });
    await deliveries.record({
      subscriptionId: subscription.id,
      eventId: 'evt_1',
      eventType: 't',
      now: new Date(),
    });
    let pageRead = false;
    const page = () => {
      pageRead = true;
      return { limit: 10 };
    };
    expect((await refusal(service.deliveries(germany('t1'), subscription.id, page))).kind).toBe('not-found');
    expect(pageRead).toBe(false);
    const read = await service.deliveries(subscriber, subscription.id, page);
    expect(read.items.map((d) => [d.eventId, d.status])).toEqual([['evt_1', 'pending']]);
  });

  it('says there is none for an id that cannot be one', async () => {
    const error = await refusal(setup().service.get(officer, 'sub_nope'));
    expect(error).toMatchObject({ kind: 'not-found', message: 'There is no subscription sub_nope.' });
  });
});
