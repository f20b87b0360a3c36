/**
 * The deliver worker: sends one signed webhook per message of the deliveries queue. It claims the
 * delivery record first (so duplicates of a message send nothing twice, and a delivered one is
 * never sent again), POSTs the event signed per Standard Webhooks, and on failure records the error
 * and pushes the message's next appearance back with growing delays (ChangeMessageVisibility). The
 * attempt the queue's `maxReceiveCount` allows last records `parked` before SQS moves the message
 * to the dead-letter queue.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { ChangeMessageVisibilityCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type AwsClients, createAwsClients } from '../adapters/aws-clients.ts';
import { claimDelivery, markDelivered, markFailed } from '../adapters/delivery-store.ts';
import { getSigningSecret, getSubscription } from '../adapters/subscription-store.ts';
import { createWebhookClient, type WebhookClient, webhookPolicyFrom } from '../adapters/webhook-client.ts';
import { type Config, readConfig } from '../config.ts';
import { describeFailure, parseDeliveryMessage, retryDelaySeconds } from '../domain/delivery.ts';
import { signWebhook } from '../domain/webhook-signature.ts';
import { FUNCTIONS, QUEUES } from '../resources.ts';

const logger = new Logger({ serviceName: 'distr' });

/** Seconds before the first retry; later ones grow fourfold (delivery.ts). */
export const RETRY_BASE_ENV = 'DISTR_WEBHOOK_RETRY_BASE_SECONDS';

export interface DeliverDeps {
  clients: Pick<AwsClients, 'db' | 'sqs'>;
  config: Pick<Config, 'tableName' | 'deliveriesQueueUrl'>;
  webhooks: WebhookClient;
  retryBaseSeconds: number;
  /** The deliveries queue's redrive limit: the attempt at this receive count is the last. */
  maxReceiveCount: number;
  /** How long a claim holds; shorter than the queue's visibility timeout, longer than one run. */
  leaseMs: number;
  now?: () => Date;
}

type Outcome = 'done' | 'retry';

export function deliverHandler(deps: DeliverDeps) {
  const { clients, config, webhooks, now = () => new Date() } = deps;
  const store = { db: clients.db, tableName: config.tableName };

  async function deliver(record: SQSRecord): Promise<Outcome> {
    const message = parseDeliveryMessage(record.body);
    if (!message) throw new Error('Not a delivery message');
    const subscription = await getSubscription(store, message.subscriptionId);
    if (subscription?.status !== 'active') {
      logger.info('subscription gone, delivery dropped', { ...message, payload: undefined });
      return 'done';
    }
    const secret = await getSigningSecret(store, message.subscriptionId);
    if (!secret) {
      // Only a subscription stored before secrets had items of their own can lack one.
      logger.error('subscription has no signing secret, delivery dropped', {
        ...message,
        payload: undefined,
      });
      return 'done';
    }
    const eventType = String((JSON.parse(message.payload) as { type?: unknown }).type ?? 'unknown');
    const key = { subscriptionId: message.subscriptionId, eventId: message.eventId };
    const claim = await claimDelivery(store, { ...key, eventType }, { now: now(), leaseMs: deps.leaseMs });
    if (!claim.claimed) {
      // Delivered already, or a duplicate of a message another sender is working on right now.
      return 'done';
    }

    const headers = signWebhook(secret, message.eventId, now(), message.payload);
    let failure: { status?: number; body?: string; error?: string };
    try {
      const response = await webhooks.post(subscription.url, { ...headers }, message.payload);
      if (response.status >= 200 && response.status < 300) {
        await markDelivered(store, key, { now: now(), statusCode: response.status });
        return 'done';
      }
      failure = { status: response.status, body: response.body };
    } catch (error) {
      failure = { error: (error as Error).message };
    }

    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
    const error = describeFailure(failure);
    const last = receiveCount >= deps.maxReceiveCount;
    // At least 1 s: the local stand-in fails a change to 0 on a persistent queue, and 1 s costs nothing.
    const delay = Math.max(1, last ? 0 : retryDelaySeconds(receiveCount, deps.retryBaseSeconds));
    await markFailed(store, key, {
      now: now(),
      status: last ? 'parked' : 'retrying',
      error,
      ...(failure.status !== undefined ? { statusCode: failure.status } : {}),
      ...(last ? {} : { nextAttemptAt: new Date(now().getTime() + delay * 1000) }),
    });
    logger.warn(last ? 'delivery parked' : 'delivery failed, will retry', {
      ...key,
      receiveCount,
      error,
      delay,
    });
    try {
      // The parked message is made visible (almost) at once, so SQS moves it to the dead-letter queue.
      await clients.sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: config.deliveriesQueueUrl,
          ReceiptHandle: record.receiptHandle,
          VisibilityTimeout: delay,
        }),
      );
    } catch (e) {
      // The queue's own visibility timeout then spaces the retry instead.
      logger.error('could not set the retry delay', { ...key, error: e as Error });
    }
    return 'retry';
  }

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    // In parallel: one slow endpoint must not hold the others past the lease.
    const outcomes = await Promise.all(
      event.Records.map((record) =>
        deliver(record).catch((error: unknown): Outcome => {
          logger.error('delivery failed unexpectedly', {
            messageId: record.messageId,
            error: error as Error,
          });
          return 'retry';
        }),
      ),
    );
    return {
      batchItemFailures: event.Records.filter((_, i) => outcomes[i] === 'retry').map((r) => ({
        itemIdentifier: r.messageId,
      })),
    };
  };
}

export const createHandler = (env: NodeJS.ProcessEnv) => {
  const aws = createAwsClients(env);
  const base = Number(env[RETRY_BASE_ENV] ?? 30);
  return deliverHandler({
    clients: aws,
    config: readConfig(env),
    webhooks: createWebhookClient({ policy: webhookPolicyFrom(env) }),
    retryBaseSeconds: Number.isFinite(base) && base >= 0 ? base : 30,
    maxReceiveCount: QUEUES.deliveries.maxReceiveCount,
    leaseMs: (FUNCTIONS.deliver.timeoutSeconds + 10) * 1000,
    now: () => new Date(),
  });
};

export const handler = createHandler(process.env);
