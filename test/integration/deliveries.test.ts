import { GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDocumentDistributed } from '../../functions/adapters/document-events.ts';
import { readConfig } from '../../functions/config.ts';
import type { Delivery } from '../../functions/domain/delivery.ts';
import type { DocumentDistributedEvent } from '../../functions/domain/document-event.ts';
import { LOCAL_NAMES } from '../../functions/local/provision.ts';
import { client } from '../support/client.ts';
import { useTestDistr } from '../support/distr.ts';
import { distributedEvent, sampleFilters } from '../support/fixtures.ts';
import { clients } from '../support/seed.ts';
import { tokenFor } from '../support/tokens.ts';
import { until } from '../support/wait.ts';
import { type Receiver, signatureValid, startReceiver } from '../support/webhook-receiver.ts';

// Retries at once here; the growing delays themselves are unit-tested (webhook-deliver.test.ts).
process.env.DISTR_WEBHOOK_RETRY_BASE_SECONDS = '0';

let serial = 0;
/** A fresh distribution of the sample event (its own id), published now. */
const distributed = (document: Partial<DocumentDistributedEvent['document']> = {}) =>
  distributedEvent({ distribution: `${Date.now()}-${++serial}`, occurredAt: new Date(), document });

describe('webhook deliveries', () => {
  const distr = useTestDistr();
  const receivers: Receiver[] = [];

  const publish = (event: DocumentDistributedEvent) =>
    publishDocumentDistributed({ sns: clients(distr).sns, config: readConfig(distr.env) }, event);
  let call: ReturnType<typeof client>;
  const subscribe = async (filters: Record<string, unknown> = {}) => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const created = await call('POST', '/v1/subscriptions', { url: receiver.url, filters });
    expect(created.status).toBe(201);
    return { receiver, id: created.body.id as string, secret: created.body.secret as string };
  };
  const deliveries = async (id: string) =>
    (await call('GET', `/v1/subscriptions/${id}/deliveries`)).body.items as Delivery[];
  const queueDepth = async (name: string) => {
    const { Attributes = {} } = await clients(distr).sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: `${distr.env.AWS_ENDPOINT_URL_SQS}/000000000000/${name}`,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes.ApproximateNumberOfMessages) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible)
    );
  };
  /** Both queues empty: every fan-out and delivery (duplicates included) has been handled. */
  const drained = () =>
    until('the queues to drain', async () => {
      const depth =
        (await queueDepth(LOCAL_NAMES.queue('notifications'))) +
        (await queueDepth(LOCAL_NAMES.queue('deliveries')));
      return depth === 0 ? true : undefined;
    });

  beforeAll(async () => {
    call = client(distr, await tokenFor(distr, 'subscriber'));
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('delivers each event once, signed, to matching subscriptions only, even when published twice', async () => {
    const matching = await subscribe(sampleFilters());
    const unfiltered = await subscribe();
    const other = await subscribe({ organs: ['ECOSOC'] });
    const wrongLanguage = await subscribe({ organs: ['GA'], languages: ['ru'] });

    const event = distributed();
    await publish(event);
    await publish(event); // a retried distribution: the same event id again
    await until('the delivery', () => (matching.receiver.events().length > 0 ? true : undefined));
    await until('both deliveries recorded', async () =>
      (await deliveries(matching.id))[0]?.status === 'delivered' &&
      (await deliveries(unfiltered.id))[0]?.status === 'delivered'
        ? true
        : undefined,
    );
    await drained();

    for (const { receiver, secret } of [matching, unfiltered]) {
      const [delivery, ...more] = receiver.events();
      expect(more).toEqual([]);
      expect(delivery?.headers['webhook-id']).toBe(event.id);
      expect(delivery?.headers['content-type']).toBe('application/json');
      expect(delivery && signatureValid(delivery, secret)).toBe(true);
      expect(delivery && signatureValid(delivery, other.secret)).toBe(false);
      expect(JSON.parse(delivery?.body ?? '')).toEqual(event);
    }
    expect(other.receiver.events()).toEqual([]);
    expect(wrongLanguage.receiver.events()).toEqual([]);
    expect(await deliveries(other.id)).toEqual([]);
    expect(await deliveries(matching.id)).toEqual([
      expect.objectContaining({
        eventId: event.id,
        eventType: 'document.distributed',
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 204,
        deliveredAt: expect.any(String),
      }),
    ]);
  });

  it('retries a failing endpoint and then delivers, recording the last error', async () => {
    const flaky = await subscribe({ organs: ['GA'] });
    flaky.receiver.answer = (_, n) =>
      n < 2 ? { status: 500, body: '{"error":"database locked"}' } : { status: 200 };
    const event = distributed();
    await publish(event);
    const [done] = await until('the retried delivery', async () => {
      const items = await deliveries(flaky.id);
      return items[0]?.status === 'delivered' ? items : undefined;
    });
    await drained();
    expect(done).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 });
    expect(done?.lastError).toBe('the endpoint answered 500: {"error":"database locked"}');
    const attempts = flaky.receiver.events();
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.headers['webhook-id']))).toEqual(new Set([event.id]));
    expect(attempts.every((a) => a.body === attempts[0]?.body && signatureValid(a, flaky.secret))).toBe(true);
  });

  it('parks a delivery after the last attempt, with its error, and sends it to the dead-letter queue', async () => {
    const down = await subscribe({ languages: ['en'] });
    down.receiver.answer = () => ({ status: 503, body: 'down for maintenance' });
    const event = distributed();
    await publish(event);
    const [parked] = await until('the parked delivery', async () => {
      const items = await deliveries(down.id);
      return items[0]?.status === 'parked' ? items : undefined;
    });
    expect(parked).toMatchObject({
      eventId: event.id,
      status: 'parked',
      attempts: 6,
      lastStatusCode: 503,
      lastError: 'the endpoint answered 503: down for maintenance',
    });
    expect(parked?.deliveredAt).toBeUndefined();
    expect(down.receiver.events()).toHaveLength(6);
    const dlq = `${distr.env.AWS_ENDPOINT_URL_SQS}/000000000000/${LOCAL_NAMES.deadLetterQueue('deliveries')}`;
    const dead = await until('the dead letter', async () => {
      const { Messages = [] } = await clients(distr).sqs.send(
        new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }),
      );
      return Messages.find((m) => m.Body?.includes(event.id));
    });
    expect(JSON.parse(dead.Body ?? '')).toMatchObject({ subscriptionId: down.id, eventId: event.id });
  });

  it('sends nothing to a deleted subscription', async () => {
    const gone = await subscribe();
    expect((await call('DELETE', `/v1/subscriptions/${gone.id}`)).status).toBe(204);
    const witness = await subscribe();
    const event = distributed();
    await publish(event);
    await until('the witness delivery', () => (witness.receiver.events().length > 0 ? true : undefined));
    await drained();
    expect(gone.receiver.events()).toEqual([]);
  });
});
