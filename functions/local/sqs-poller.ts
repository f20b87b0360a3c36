/**
 * Drives a queue consumer locally the way the Lambda SQS event source does: long-polls a batch,
 * invokes the handler with an SQS event, deletes what succeeded (honouring `batchItemFailures`),
 * and leaves failures to reappear after the visibility timeout until the queue's redrive policy
 * moves them to the dead-letter queue.
 */
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { type LambdaHandler, lambdaContext } from './api-gateway.ts';

export type SqsHandler = LambdaHandler<SQSEvent, SQSBatchResponse | undefined>;

export interface PollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  handler: SqsHandler;
  functionName: string;
  batchSize: number;
  /** Receive loops run side by side, as Lambda runs several invocations of one event source (default 1). */
  concurrency?: number;
  onError?: (error: unknown) => void;
}

export function startSqsPoller({
  sqs,
  queueUrl,
  handler,
  functionName,
  batchSize,
  concurrency = 1,
  onError,
}: PollerOptions) {
  const abort = new AbortController();
  let queueArn = '';

  const loop = async () => {
    const attrs = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    queueArn = attrs.Attributes?.QueueArn ?? '';
    while (!abort.signal.aborted) {
      try {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: batchSize,
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: abort.signal },
        );
        if (Messages.length === 0) continue;
        const Records: SQSRecord[] = Messages.map((m) => ({
          messageId: m.MessageId ?? '',
          receiptHandle: m.ReceiptHandle ?? '',
          body: m.Body ?? '',
          attributes: {
            ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
            SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
            SenderId: m.Attributes?.SenderId ?? 'local',
            ApproximateFirstReceiveTimestamp:
              m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
          },
          messageAttributes: Object.fromEntries(
            Object.entries(m.MessageAttributes ?? {}).map(([name, v]) => [
              name,
              {
                dataType: v.DataType ?? 'String',
                stringValue: v.StringValue,
                stringListValues: [],
                binaryListValues: [],
              },
            ]),
          ),
          md5OfBody: m.MD5OfBody ?? '',
          eventSource: 'aws:sqs',
          eventSourceARN: queueArn,
          awsRegion: 'us-east-1',
        }));
        let failed = new Set<string>();
        try {
          const result = await handler({ Records }, lambdaContext(functionName));
          failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        } catch (error) {
          // A thrown error fails the whole batch, as with the real event source.
          failed = new Set(Records.map((r) => r.messageId));
          onError?.(error);
        }
        const done = Records.filter((r) => !failed.has(r.messageId));
        if (done.length > 0) {
          await sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queueUrl,
              Entries: done.map((r, i) => ({ Id: String(i), ReceiptHandle: r.receiptHandle })),
            }),
          );
        }
      } catch (error) {
        if (abort.signal.aborted) break;
        onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };

  const running = Promise.all(
    Array.from({ length: concurrency }, () => loop().catch((error) => onError?.(error))),
  );
  return {
    async stop() {
      abort.abort();
      await running;
    },
  };
}
