/**
 * The render fan-out: one SQS message per (document, language) on the `render` queue, which the
 * `render` Lambda consumes one message per invocation (so six languages render in parallel in AWS).
 * A message only names what to render; the worker reads the document as it is when it runs, and
 * renews the message's visibility while it renders (the heartbeat of domain/distribution.ts).
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { RenderQueuePort } from '../domain/distributor.ts';
import { isLang, type Lang } from '../domain/languages.ts';
import { sendAll, setVisibility } from './sqs-queue.ts';

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
  const queue = { sqs, queueUrl };
  return {
    enqueue: (documentId, languages) =>
      sendAll(
        queue,
        languages.map((lang) => ({ documentId, lang }) satisfies RenderJob),
        'render job(s)',
      ),
    extend: (receipt, seconds) => setVisibility(queue, receipt, seconds),
  };
}
