/** What every Distr queue does on SQS: send messages in batches, and move a message's next appearance. */
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** SQS takes at most ten messages per batch. */
const BATCH = 10;

export interface SqsQueue {
  sqs: SQSClient;
  queueUrl: string;
}

/** Sends each message as JSON; throws naming `what` if SQS refuses any. */
export async function sendAll({ sqs, queueUrl }: SqsQueue, messages: readonly unknown[], what: string) {
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
    if (Failed.length > 0) {
      throw new Error(`Could not queue ${Failed.length} ${what}: ${Failed[0]?.Message ?? 'unknown'}`);
    }
  }
}

/** Hides a received message for `seconds` more from now (0: at once visible again). */
export async function setVisibility({ sqs, queueUrl }: SqsQueue, receipt: string, seconds: number) {
  await sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: receipt,
      VisibilityTimeout: seconds,
    }),
  );
}
