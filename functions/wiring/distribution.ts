/**
 * The distribution wiring: builds the distributor (domain/distributor.ts) over the AWS adapters
 * (documents and distribution records in DynamoDB, PDFs in S3, the render fan-out on SQS, search
 * entries in DynamoDB, the event on SNS). Built once per cold start, by the API Lambda and by the
 * render worker alike; only the worker renders (it passes the renderer), so the API bundle carries
 * no typesetting code.
 */
import { dynamoAuditStore } from '../adapters/audit-store.ts';
import type { AwsClients } from '../adapters/aws-clients.ts';
import { createDistributionStore } from '../adapters/distribution-store.ts';
import { publishDocumentDistributed } from '../adapters/document-events.ts';
import { createDocumentStore } from '../adapters/document-store.ts';
import { createPdfStore, type PdfStore } from '../adapters/pdf-store.ts';
import { createRenderQueue } from '../adapters/render-queue.ts';
import { createSearchIndex, type SearchIndex } from '../adapters/search-index.ts';
import { getSubmission, markDistributed, SubmissionStatusConflict } from '../adapters/submission-store.ts';
import type { Config } from '../config.ts';
import {
  createDistributor,
  type Distributor,
  type DistributorPorts,
  type Renderer,
} from '../domain/distributor.ts';
import { documentDistributedEvent } from '../domain/document-event.ts';

const notHere: Renderer = async () => {
  throw new Error('Rendering happens in the render worker (functions/workers/render.ts), not here.');
};

export interface DistributionService {
  distributor: Distributor;
  pdfs: PdfStore;
  search: SearchIndex;
}

export function distributionService(
  clients: Pick<AwsClients, 'db' | 's3' | 'sqs' | 'sns'>,
  config: Config,
  options: { clock?: () => Date; render?: Renderer } = {},
): DistributionService {
  const table = { db: clients.db, tableName: config.tableName };
  const pdfs = createPdfStore(clients.s3, config.bucketName);
  const search = createSearchIndex(clients.db, config.tableName);
  const ports: DistributorPorts = {
    documents: createDocumentStore(clients.db, config.tableName),
    distributions: createDistributionStore(clients.db, config.tableName),
    pdfs,
    queue: createRenderQueue(clients.sqs, config.renderQueueUrl),
    search,
    audit: dynamoAuditStore(table),
    submissions: {
      letterDate: async (id) => (await getSubmission(table, id))?.submission.date,
      async markDistributed(id, at, actor) {
        try {
          await markDistributed(table, id, { at, actor });
        } catch (error) {
          // Already distributed (an earlier attempt), or never registered through this flow.
          if (!(error instanceof SubmissionStatusConflict)) throw error;
        }
      },
    },
    events: {
      async publishDistributed(document, metadata) {
        await publishDocumentDistributed(
          { sns: clients.sns, config },
          documentDistributedEvent({
            document,
            documentId: document.id,
            // One distribution per document: its time makes the event id the same on every retry.
            distribution: metadata.distributedAt,
            languages: metadata.languages.map((l) => l.lang),
            publicUrl: config.publicUrl,
            occurredAt: new Date(metadata.distributedAt),
          }),
        );
      },
    },
    render: options.render ?? notHere,
  };
  return {
    distributor: createDistributor(ports, {
      publicUrl: config.publicUrl,
      ...(options.clock ? { clock: options.clock } : {}),
    }),
    pdfs,
    search,
  };
}
