/**
 * The render worker: consumes the `render` queue, one message per (document, language). It renders
 * that language version, stores the PDF and its record, and — when it stores the last language of
 * the distribution — issues the document (domain/distributor.ts says why every step is safe to
 * repeat). A failed message is reported in `batchItemFailures`, retried after the visibility
 * timeout and, after the queue's `maxReceiveCount`, parked in the dead-letter queue; the document
 * then stays unpublished until an officer distributes again.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseRenderJob } from '../adapters/render-queue.ts';
import type { Distributor } from '../domain/distributor.ts';

const logger = new Logger({ serviceName: 'distr' });

export function renderHandler(distributor: Distributor) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const failures: SQSBatchResponse['batchItemFailures'] = [];
    // Records of one batch render side by side (in AWS a batch holds one message: one language per invocation).
    await Promise.all(
      event.Records.map(async (record) => {
        const job = parseRenderJob(record.body);
        if (!job) {
          // Retrying cannot make it valid; drop it, loudly.
          logger.error('not a render job', { messageId: record.messageId, body: record.body.slice(0, 200) });
          return;
        }
        try {
          const started = performance.now();
          const outcome = await distributor.renderLanguage(job.documentId, job.lang);
          logger.info('render job done', { ...job, outcome, ms: Math.round(performance.now() - started) });
        } catch (error) {
          logger.error('render job failed', { ...job, messageId: record.messageId, error: error as Error });
          failures.push({ itemIdentifier: record.messageId });
        }
      }),
    );
    return { batchItemFailures: failures };
  };
}
