/**
 * The render worker: consumes the `render` queue, one message per (document, language). It renders
 * that language version, stores the PDF and its record, and — when it stores the last language of
 * the distribution — issues the document (domain/distributor.ts says why every step is safe to
 * repeat). While it works it renews its message (a heartbeat), so a worker that dies has its job
 * taken up again within seconds. A failed message is reported in `batchItemFailures`, retried once
 * its lease runs out and, after the queue's `maxReceiveCount`, parked in the dead-letter queue; the
 * officer's view then shows the language stalled, and the document stays unpublished until an
 * officer distributes again.
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
          const outcome = await distributor.renderLanguage(job.documentId, job.lang, record.receiptHandle);
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
