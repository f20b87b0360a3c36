/**
 * The notify worker: consumes `document.distributed` events from the notifications queue (the
 * documents topic, raw delivery) and fans each out to the deliveries queue, one message per
 * matching active subscription, after recording that delivery as `pending`. Running twice for
 * the same event (SQS redelivers) records nothing twice, and the deliver worker sends at most once.
 */

import { Logger } from '@aws-lambda-powertools/logger';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type AwsClients, createAwsClients } from '../adapters/aws-clients.ts';
import { recordDelivery } from '../adapters/delivery-store.ts';
import { listActiveSubscriptions } from '../adapters/subscription-store.ts';
import { type Config, readConfig } from '../config.ts';
import type { DeliveryMessage } from '../domain/delivery.ts';
import { parseDocumentEvent } from '../domain/document-event.ts';
import type { Subscription } from '../domain/subscription.ts';
import { matchesFilters } from '../domain/subscription-filters.ts';

const logger = new Logger({ serviceName: 'distr' });

export interface NotifyDeps {
  clients: Pick<AwsClients, 'db' | 'sqs'>;
  config: Pick<Config, 'tableName' | 'deliveriesQueueUrl'>;
  now?: () => Date;
}

export function notifyHandler({ clients, config, now = () => new Date() }: NotifyDeps) {
  const store = { db: clients.db, tableName: config.tableName };

  async function fanOut(record: SQSRecord, subscriptions: () => Promise<Subscription[]>): Promise<number> {
    const parsed = parseDocumentEvent(record.body);
    // Fails the message: it never becomes valid, so it goes to the dead-letter queue for a look.
    if (!parsed.ok) throw new Error(`Not a document.distributed event: ${parsed.reason}`);
    const event = parsed.value;
    const matching = (await subscriptions()).filter((s) => matchesFilters(s.filters, event.document));
    const payload = JSON.stringify(event);
    for (const s of matching) {
      await recordDelivery(store, {
        subscriptionId: s.id,
        eventId: event.id,
        eventType: event.type,
        now: now(),
      });
    }
    // Sent even when the record already existed: the earlier run may have died before sending.
    for (let i = 0; i < matching.length; i += 10) {
      const chunk = matching.slice(i, i + 10);
      const { Failed = [] } = await clients.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: config.deliveriesQueueUrl,
          Entries: chunk.map((s, j) => ({
            Id: String(j),
            MessageBody: JSON.stringify({
              subscriptionId: s.id,
              eventId: event.id,
              payload,
            } satisfies DeliveryMessage),
          })),
        }),
      );
      if (Failed.length > 0)
        throw new Error(`Could not queue ${Failed.length} deliveries: ${Failed[0]?.Message}`);
    }
    logger.info('event fanned out', { eventId: event.id, subscriptions: matching.length });
    return matching.length;
  }

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    // Read the subscriptions once per batch, and only if a record needs them.
    let cached: Promise<Subscription[]> | undefined;
    const subscriptions = () => {
      cached ??= listActiveSubscriptions(store);
      return cached;
    };
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        await fanOut(record, subscriptions);
      } catch (error) {
        logger.error('fan-out failed', { messageId: record.messageId, error: error as Error });
        failures.push({ itemIdentifier: record.messageId });
        cached = undefined;
      }
    }
    return { batchItemFailures: failures };
  };
}

export const createHandler = (env: NodeJS.ProcessEnv) => {
  const aws = createAwsClients(env);
  return notifyHandler({ clients: aws, config: readConfig(env) });
};

export const handler = createHandler(process.env);
