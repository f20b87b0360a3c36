/**
 * The deliveries queue on SQS: one message per (event, subscription), which the `deliver` Lambda
 * consumes; a failed attempt pushes its message's next appearance back (ChangeMessageVisibility).
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DeliveryMessage } from '../domain/delivery.ts';
import type { DeliveryQueuePort } from '../domain/notifier.ts';
import { sendAll, setVisibility } from './sqs-queue.ts';

export function createDeliveryQueue(sqs: SQSClient, queueUrl: string): DeliveryQueuePort {
  const queue = { sqs, queueUrl };
  return {
    send: (messages: DeliveryMessage[]) => sendAll(queue, messages, 'deliveries'),
    delay: (receipt, seconds) => setVisibility(queue, receipt, seconds),
  };
}
