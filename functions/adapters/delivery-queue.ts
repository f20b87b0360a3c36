/**
 * The deliveries queue on SQS: one message per (event, subscription), which the `deliver` Lambda
 * consumes; a failed attempt pushes its message's next appearance back (ChangeMessageVisibility).
 */
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryMessage } from '../domain/delivery.ts';
import type { DeliveryQueuePort } from '../domain/notifier.ts';

/** SQS takes at most ten messages per batch. */
const BATCH = 10;

export function createDeliveryQueue(sqs: SQSClient, queueUrl: string): DeliveryQueuePort {
  return {
    async send(messages: DeliveryMessage[]) {
      for (let i = 0; i < messages.length; i += BATCH) {
        const { Failed = [] } = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: messages.slice(i, i + BATCH).map((message, j) => ({
              Id: String(j),
              MessageBody: JSON.stringify(message),
            })),
          }),
        );
        if (Failed.length > 0)
          throw new Error(`Could not queue ${Failed.length} deliveries: ${Failed[0]?.Message}`);
      }
    },
    async delay(receipt, seconds) {
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: receipt,
          VisibilityTimeout: seconds,
        }),
      );
    },
  };
}
