/**
 * The deliver worker: has the notifier make one attempt per message of the deliveries queue (claim,
 * sign, POST; on failure record it and delay the next attempt, or park it on the last one: see
 * domain/notifier.ts). A message whose attempt failed is reported in `batchItemFailures`, so SQS
 * receives it again after its delay, or moves it to the dead-letter queue once parked.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { comesBack, type DeliveryOutcome, type Notifier } from '../domain/notifier.ts';

const logger = new Logger({ serviceName: 'distr' });

function logOutcome(outcome: DeliveryOutcome): void {
  const { key } = outcome;
  switch (outcome.kind) {
    case 'subscription-gone':
      logger.info('subscription gone, delivery dropped', { ...key });
      return;
    case 'no-secret':
      logger.error('subscription has no signing secret, delivery dropped', { ...key });
      return;
    case 'retrying':
    case 'parked': {
      const { receiveCount, error, delaySeconds: delay } = outcome;
      logger.warn(outcome.kind === 'parked' ? 'delivery parked' : 'delivery failed, will retry', {
        ...key,
        receiveCount,
        error,
        delay,
      });
      if (outcome.delayFailure !== undefined) {
        logger.error('could not set the retry delay', { ...key, error: outcome.delayFailure as Error });
      }
      return;
    }
    default:
      return;
  }
}

export function deliverWorker(notifier: Pick<Notifier, 'deliver'>) {
  async function attempt(record: SQSRecord): Promise<boolean> {
    try {
      const outcome = await notifier.deliver(record.body, {
        receiveCount: Number(record.attributes.ApproximateReceiveCount) || 1,
        receipt: record.receiptHandle,
      });
      logOutcome(outcome);
      return comesBack(outcome);
    } catch (error) {
      logger.error('delivery failed unexpectedly', { messageId: record.messageId, error: error as Error });
      return true;
    }
  }

  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    // In parallel: one slow endpoint must not hold the others past the lease.
    const back = await Promise.all(event.Records.map(attempt));
    return {
      batchItemFailures: event.Records.filter((_, i) => back[i]).map((r) => ({
        itemIdentifier: r.messageId,
      })),
    };
  };
}
