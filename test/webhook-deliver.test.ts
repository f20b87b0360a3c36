import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '../functions/domain/delivery.ts';
import type { WebhookClient } from '../functions/domain/webhook-endpoint.ts';
import { generateWebhookSecret } from '../functions/domain/webhook-signature.ts';
import { notifierFrom } from '../functions/wiring/notifier.ts';
import { deliverWorker } from '../functions/workers/deliver.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const sqs = mockClient(SQSClient);
const secret = generateWebhookSecret();
const subscription = {
  id: 'sub_0123456789abcdef01234567',
  url: 'https://hooks.example.org/distr',
  filters: {},
  status: 'active',
  owner: { role: 'subscriber', tokenId: 't1' },
  createdAt: '2025-06-19T00:00:00.000Z',
  secret,
};
const payload = JSON.stringify({ type: 'document.distributed', id: 'evt_1' });

const record = (receiveCount: number): SQSEvent => ({
  Records: [
    {
      messageId: 'm1',
      receiptHandle: 'rh-1',
      body: JSON.stringify({ subscriptionId: subscription.id, eventId: 'evt_1', payload }),
      attributes: {
        ApproximateReceiveCount: String(receiveCount),
        SentTimestamp: '0',
        SenderId: 'x',
        ApproximateFirstReceiveTimestamp: '0',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:distr-deliveries',
      awsRegion: 'us-east-1',
    },
  ],
});

function setup(answer: () => Promise<{ status: number; body: string }>) {
  const posts: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
  const webhooks: WebhookClient = {
    post: async (url, headers, body) => {
      posts.push({ url, headers, body });
      return answer();
    },
  };
  const handler = deliverWorker(
    notifierFrom({
      clients: {
        db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
        sqs: new SQSClient({ region: 'us-east-1' }),
      },
      config: {
        tableName: 'distr',
        deliveriesQueueUrl: 'https://sqs.example/q',
        webhookPolicy: { allowLoopback: false },
        webhookRetryBaseSeconds: 30,
      },
      webhooks,
      maxReceiveCount: 6,
      leaseMs: 40_000,
      clock: () => new Date('2025-06-19T10:00:00Z'),
    }),
  );
  return { handler: (e: SQSEvent) => handler(e), posts };
}

const statusWritten = () =>
  ddb
    .commandCalls(UpdateCommand)
    .map((c) => c.args[0].input.ExpressionAttributeValues?.[':status'])
    .filter(Boolean);

describe('deliver worker', () => {
  beforeEach(() => {
    ddb.on(GetCommand).resolves({ Item: subscription });
    ddb
      .on(UpdateCommand, { ReturnValues: 'ALL_NEW' })
      .resolves({ Attributes: { status: 'pending', attempts: 1 } });
    sqs.on(ChangeMessageVisibilityCommand).resolves({});
  });
  afterEach(() => {
    ddb.reset();
    sqs.reset();
  });

  it('signs and sends, records delivered, and reports no failure', async () => {
    const { handler, posts } = setup(async () => ({ status: 200, body: '' }));
    expect(await handler(record(1))).toEqual({ batchItemFailures: [] });
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body).toBe(payload);
    expect(posts[0]?.headers).toMatchObject({
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(Date.parse('2025-06-19T10:00:00Z') / 1000),
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
    });
    const done = ddb.commandCalls(UpdateCommand).at(-1)?.args[0].input;
    expect(done?.ExpressionAttributeValues).toMatchObject({ ':delivered': 'delivered', ':code': 200 });
    expect(sqs).not.toHaveReceivedCommand(ChangeMessageVisibilityCommand);
  });

  it.each([
    [1, 30],
    [2, 120],
    [3, 480],
    [5, 7680],
  ])(
    'after failed attempt %i waits %i s before the next (visibility timeout)',
    async (receiveCount, delay) => {
      const { handler } = setup(async () => ({ status: 500, body: 'boom' }));
      expect(await handler(record(receiveCount))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
      expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityCommand, {
        QueueUrl: 'https://sqs.example/q',
        ReceiptHandle: 'rh-1',
        VisibilityTimeout: delay,
      });
      expect(statusWritten()).toEqual(['retrying']);
      const failed = ddb.commandCalls(UpdateCommand).at(-1)?.args[0].input.ExpressionAttributeValues;
      expect(failed).toMatchObject({
        ':error': 'the endpoint answered 500: boom',
        ':code': 500,
        ':next': new Date(Date.parse('2025-06-19T10:00:00Z') + delay * 1000).toISOString(),
      });
    },
  );

  it('parks the delivery on the attempt the queue allows last, then lets it go to the dead-letter queue', async () => {
    const { handler } = setup(async () => {
      throw new Error('connect ECONNREFUSED 203.0.113.9:443');
    });
    expect(await handler(record(6))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm1' }] });
    expect(statusWritten()).toEqual(['parked']);
    const failed = ddb.commandCalls(UpdateCommand).at(-1)?.args[0].input;
    expect(failed?.ExpressionAttributeValues?.[':error']).toBe('connect ECONNREFUSED 203.0.113.9:443');
    expect(failed?.UpdateExpression).toMatch(/REMOVE leaseUntil, lastStatusCode, nextAttemptAt/);
    expect(sqs).toHaveReceivedCommandWith(ChangeMessageVisibilityCommand, { VisibilityTimeout: 1 });
  });

  it('sends nothing when the delivery is already done or claimed by another sender', async () => {
    ddb
      .on(UpdateCommand, { ReturnValues: 'ALL_NEW' })
      .rejects(Object.assign(new Error('conditional'), { name: 'ConditionalCheckFailedException' }));
    ddb.on(GetCommand, { Key: { pk: `SUBSCRIPTION#${subscription.id}`, sk: 'DELIVERY#evt_1' } }).resolves({
      Item: { status: 'delivered', attempts: 1 },
    });
    const { handler, posts } = setup(async () => ({ status: 200, body: '' }));
    expect(await handler(record(2))).toEqual({ batchItemFailures: [] });
    expect(posts).toEqual([]);
  });

  it('sends nothing to a subscription that no longer exists', async () => {
    ddb.on(GetCommand).resolves({});
    const { handler, posts } = setup(async () => ({ status: 200, body: '' }));
    expect(await handler(record(1))).toEqual({ batchItemFailures: [] });
    expect(posts).toEqual([]);
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });

  it('signs with the secret read from its own item, and sends nothing without one', async () => {
    const secretKey = { pk: `SECRET#${subscription.id}`, sk: 'SECRET' };
    const { handler, posts } = setup(async () => ({ status: 200, body: '' }));
    await handler(record(1));
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { Key: secretKey });
    expect(posts).toHaveLength(1);

    ddb.on(GetCommand, { Key: secretKey }).resolves({});
    const bare = setup(async () => ({ status: 200, body: '' }));
    expect(await bare.handler(record(1))).toEqual({ batchItemFailures: [] });
    expect(bare.posts).toEqual([]);
  });

  it('grows retry delays fourfold up to the 12-hour visibility limit', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelaySeconds(n, 30))).toEqual([30, 120, 480, 1920, 7680]);
    expect(retryDelaySeconds(20, 30)).toBe(43_200);
    expect(retryDelaySeconds(3, 0)).toBe(0);
  });
});
