/**
 * The submission routes: missions submit and follow their letters, officers see all and reject.
 * Thin handlers: parse, authorize (caller.ts), call the submissions service, shape the answer.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { s3AttachmentStorage } from '../adapters/attachment-store.ts';
import { dynamoIdempotencyStore } from '../adapters/idempotency-store.ts';
import { pdfCheckRunner } from '../adapters/pdf-check-runner.ts';
import { dynamoSubmissionRepository } from '../adapters/submission-store.ts';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import type { StateCode } from '../domain/member-states.ts';
import {
  SUBMISSION_STATUSES,
  type SubmissionRecord,
  submissionSummary,
  submissionView,
} from '../domain/submission-record.ts';
import {
  type CreatedResponse,
  getSubmissionFor,
  listSubmissionsFor,
  rejectRequestSchema,
  rejectSubmission,
  requestUpload,
  type SubmissionPorts,
  submit,
  uploadRequestSchema,
  type Viewer,
  verifyAttachments as verifySubmissionAttachments,
} from '../domain/submissions-service.ts';
import { actorOf, type Caller, requireRole } from './caller.ts';
import { type HttpEvent, type HttpRoute, json } from './http-api.ts';
import { idempotencyKeyOf } from './idempotency-key.ts';
import { problemOf } from './problem.ts';
import { pagingSchema, parseBody, parseQuery } from './request-validation.ts';

export interface SubmissionDeps {
  db: DynamoDBDocumentClient;
  s3: S3Client;
  config: Config;
}

/** One runner per process: its spare worker is shared by every request. */
const checkPdf = pdfCheckRunner();

export const submissionPorts = ({ db, s3, config }: SubmissionDeps): SubmissionPorts => ({
  submissions: dynamoSubmissionRepository({ db, tableName: config.tableName }),
  attachments: s3AttachmentStorage({ s3, bucketName: config.bucketName }),
  idempotency: dynamoIdempotencyStore<CreatedResponse>({ db, tableName: config.tableName }),
  checkPdf,
});

// --- Request schemas (also published in the OpenAPI document) ---------------------------------

export const listQuerySchema = pagingSchema.extend({
  status: z
    .enum(SUBMISSION_STATUSES, { error: `must be one of ${SUBMISSION_STATUSES.join(', ')}` })
    .optional(),
});

const viewerOf = (caller: Caller): Viewer =>
  caller.role === 'officer' ? { role: 'officer' } : { role: 'mission', state: caller.state as StateCode };

const idOf = (event: HttpEvent) => event.pathParameters?.id ?? '';

/**
 * For registration: checks the PDF annexes of a submission (uploads that arrived are parsed and
 * recorded) and throws a 422 naming `/annexes/N` for each one missing or unusable.
 */
export async function verifyAttachments(
  deps: SubmissionDeps | SubmissionPorts,
  submissionId: string,
  now = new Date(),
): Promise<SubmissionRecord> {
  const ports = 'submissions' in deps ? deps : submissionPorts(deps);
  const { record, problems } = await verifySubmissionAttachments(ports, submissionId, now);
  if (problems.length > 0) {
    throw problemOf(new DomainError('invalid', 'Some PDF annexes are missing or cannot be used.', problems));
  }
  return record;
}

// --- Routes ------------------------------------------------------------------------------------

export function submissionRoutes(deps: SubmissionDeps): HttpRoute[] {
  const ports = submissionPorts(deps);
  const routes: HttpRoute[] = [
    {
      method: 'POST',
      path: '/v1/submissions',
      handler: async (event: HttpEvent) => {
        const caller = requireRole(event, 'mission');
        const idempotencyKey = idempotencyKeyOf(event);
        const { replayed, response } = await submit(ports, {
          input: event.body,
          state: caller.state as StateCode,
          actor: actorOf(caller),
          now: new Date(),
          ...(idempotencyKey ? { idempotencyKey } : {}),
        });
        return json(response.statusCode, response.submission, {
          location: `/v1/submissions/${response.submission.id}`,
          ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
        });
      },
    },
    {
      method: 'GET',
      path: '/v1/submissions',
      handler: async (event: HttpEvent) => {
        const caller = requireRole(event, 'mission', 'officer');
        const query = parseQuery(event, listQuerySchema);
        const page = await listSubmissionsFor(ports, viewerOf(caller), query);
        return json(200, { items: page.items.map(submissionSummary), nextCursor: page.cursor ?? null });
      },
    },
    {
      method: 'GET',
      path: '/v1/submissions/{id}',
      handler: async (event: HttpEvent) => {
        const caller = requireRole(event, 'mission', 'officer');
        const record = await getSubmissionFor(ports, idOf(event), viewerOf(caller), new Date());
        return json(200, submissionView(record));
      },
    },
    {
      method: 'POST',
      path: '/v1/submissions/{id}/attachments',
      handler: async (event: HttpEvent) => {
        const caller = requireRole(event, 'mission');
        const upload = parseBody(event, uploadRequestSchema);
        const answer = await requestUpload(ports, idOf(event), viewerOf(caller), upload, new Date());
        return json(201, answer);
      },
    },
    {
      method: 'POST',
      path: '/v1/submissions/{id}/reject',
      handler: async (event: HttpEvent) => {
        const caller = requireRole(event, 'officer');
        const { reason } = parseBody(event, rejectRequestSchema);
        const record = await rejectSubmission(ports, idOf(event), {
          reason: reason.trim(),
          actor: actorOf(caller),
          now: new Date(),
        });
        return json(200, submissionView(record));
      },
    },
  ];
  return routes;
}
