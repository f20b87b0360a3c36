/**
 * The render fan-out: one SQS message per (document, language) on the `render` queue, which the
 * `render` Lambda consumes one message per invocation (so six languages render in parallel in AWS).
 * A message only names what to render; the worker reads the document as it is when it runs, and
 * renews the message's visibility while it renders (the heartbeat of domain/distribution.ts).
 */
import { ChangeMessageVisibilityCommand, SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RenderQueuePort } from '../domain/distributor.ts';
import { isLang, type Lang } from '../domain/languages.ts';

export interface RenderJob {
  documentId: string;
  lang: Lang;
}

export function parseRenderJob(body: string): RenderJob | undefined {
  try {
    const value = JSON.parse(body) as Partial<RenderJob>;
    return typeof value.documentId === 'string' && isLang(value.lang)
      ? { documentId: value.documentId, lang: value.lang }
      : undefined;
  } catch {
    return undefined;
  }
}

export function createRenderQueue(sqs: SQSClient, queueUrl: string): RenderQueuePort {
  return {
    async enqueue(documentId, languages) {
      for (let i = 0; i < languages.length; i += 10) {
        const { Failed = [] } = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: languages.slice(i, i + 10).map((lang) => ({
              Id: lang,
              MessageBody: JSON.stringify({ documentId, lang } satisfies RenderJob),
            })),
          }),
        );
        if (Failed.length > 0) {
          throw new Error(
            `Could not queue ${Failed.length} render job(s): ${Failed[0]?.Message ?? 'unknown'}`,
          );
        }
      }
    },
    async extend(receipt, seconds) {
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
