/**
 * The notifier (domain/notifier.ts) over the AWS adapters: subscriptions, their secrets and the
 * delivery records in DynamoDB, the deliveries queue on SQS, webhooks over node:http. The notify and
 * deliver Lambdas build it the same way (their wiring modules); each uses its half.
 */

import type { AwsClients } from '../adapters/aws-clients.ts';
import { createDeliveryQueue } from '../adapters/delivery-queue.ts';
import { createDeliveryStore } from '../adapters/delivery-store.ts';
import { createSubscriptionStore } from '../adapters/subscription-store.ts';
import { createWebhookClient } from '../adapters/webhook-client.ts';
import type { Config } from '../config.ts';
import { createNotifier, type Notifier, type NotifierOptions } from '../domain/notifier.ts';
import type { WebhookClient } from '../domain/webhook-endpoint.ts';
import { FUNCTIONS, QUEUES } from '../resources.ts';

export interface NotifierWiring {
  clients: Pick<AwsClients, 'db' | 'sqs'>;
  config: Pick<Config, 'tableName' | 'deliveriesQueueUrl' | 'webhookPolicy' | 'webhookRetryBaseSeconds'>;
  /** Defaults to the client over node:http with the configured URL policy. */
  webhooks?: WebhookClient;
  /** Default to the deliveries queue's redrive limit and a lease of the deliver timeout plus 10 s. */
  maxReceiveCount?: number;
  leaseMs?: number;
  clock?: () => Date;
}

/** What the deployed queue and function allow: the last receive, and a lease outlasting one run. */
const DEPLOYED: Omit<NotifierOptions, 'retryBaseSeconds'> = {
  maxReceiveCount: QUEUES.deliveries.maxReceiveCount,
  leaseMs: (FUNCTIONS.deliver.timeoutSeconds + 10) * 1000,
};

export function notifierFrom({ clients, config, ...options }: NotifierWiring): Notifier {
  const subscriptions = createSubscriptionStore(clients.db, config.tableName);
  return createNotifier(
    {
      subscriptions,
      secrets: subscriptions,
      deliveries: createDeliveryStore(clients.db, config.tableName),
      queue: createDeliveryQueue(clients.sqs, config.deliveriesQueueUrl),
      webhooks: options.webhooks ?? createWebhookClient({ policy: config.webhookPolicy }),
      ...(options.clock ? { clock: options.clock } : {}),
    },
    {
      retryBaseSeconds: config.webhookRetryBaseSeconds,
      maxReceiveCount: options.maxReceiveCount ?? DEPLOYED.maxReceiveCount,
      leaseMs: options.leaseMs ?? DEPLOYED.leaseMs,
    },
  );
}
