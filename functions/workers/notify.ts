/**
 * The notify worker: consumes `document.distributed` events from the notifications queue (the
 * documents topic, raw delivery) and has the notifier fan each out to the deliveries queue, one
 * message per matching active subscription (domain/notifier.ts says why a redelivered event records
 * and sends nothing twice). An event that fails is reported in `batchItemFailures`.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { Notifier } from '../domain/notifier.ts';

const logger = new Logger({ serviceName: 'distr' });

export function notifyWorker(notifier: Pick<Notifier, 'fanOut'>) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const results = await notifier.fanOut(event.Records.map((record) => record.body));
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    event.Records.forEach((record, i) => {
      const result = results[i];
      if (result?.ok) {
        logger.info('event fanned out', { eventId: result.eventId, subscriptions: result.subscriptions });
        return;
      }
      logger.error('fan-out failed', { messageId: record.messageId, error: result?.error as Error });
      failures.push({ itemIdentifier: record.messageId });
    });
    return { batchItemFailures: failures };
  };
}
