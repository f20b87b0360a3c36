/**
 * The submission routes: missions submit and follow their letters, officers see all and reject.
 * Thin handlers: parse, authorize (caller.ts), call the submissions service, shape the answer.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { s3AttachmentStorage } from '../adapters/attachment-store.ts';
import { dynamoIdempotencyStore } from '../adapters/idempotency-store.ts';
import { dynamoSubmissionRepository } from '../adapters/submission-store.ts';
import type { Config } from '../config.ts';
import { IdempotencyConflict } from '../domain/idempotency.ts';
import type { StateCode } from '../domain/member-states.ts';
import type { Problem as FieldProblem } from '../domain/submission.ts';
import {
  SUBMISSION_STATUSES,
  type SubmissionRecord,
  submissionSummary,
  submissionView,
} from '../domain/submission-record.ts';
import {
  type CreatedResponse,
  getSubmissionFor,
  InvalidCursor,
  listSubmissionsFor,
  rejectRequestSchema,
  rejectSubmission,
  requestUpload,
  SubmissionError,
  type SubmissionPorts,
  submit,
  uploadRequestSchema,
  type Viewer,
  verifyAttachments as verifySubmissionAttachments,
} from '../domain/submissions-service.ts';
import { actorOf, type Caller, challenged, requireRole } from './caller.ts';
import { type HttpEvent, type HttpRoute, json } from './http-api.ts';
import { openApiRoutes } from './openapi.ts';
import { Problem } from './problem.ts';
import { parseBody, parseQuery } from './request-validation.ts';

export interface SubmissionDeps {
  db: DynamoDBDocumentClient;
  s3: S3Client;
  config: Config;
}

export const submissionPorts = ({ db, s3, config }: SubmissionDeps): SubmissionPorts => ({
  submissions: dynamoSubmissionRepository({ db, tableName: config.tableName }),
  attachments: s3AttachmentStorage({ s3, bucketName: config.bucketName }),
  idempotency: dynamoIdempotencyStore<CreatedResponse>({ db, tableName: config.tableName }),
});

// --- Request schemas (also published in the OpenAPI document) ---------------------------------

export const listQuerySchema = z.object({
  status: z
    .enum(SUBMISSION_STATUSES, { error: `must be one of ${SUBMISSION_STATUSES.join(', ')}` })
    .optional(),
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 100' })
    .int({ error: 'must be a whole number from 1 to 100' })
    .min(1, { error: 'must be a whole number from 1 to 100' })
    .max(100, { error: 'must be a whole number from 1 to 100' })
    .default(25),
  cursor: z.string().max(1000).optional(),
});

/** `Idempotency-Key`: 1–255 visible ASCII characters (a quoted structured-field string is accepted too). */
const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{1,255}$/;

// --- Helpers -----------------------------------------------------------------------------------

function idempotencyKeyOf(event: HttpEvent): string | undefined {
  const raw = event.headers?.['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = raw.trim().replace(/^"(.*)"$/, '$1');
  if (!IDEMPOTENCY_KEY_RE.test(key)) {
    throw Problem.invalid(400, 'The Idempotency-Key header is not valid.', [
      { name: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters, e.g. a UUID' },
    ]);
  }
  return key;
}

const params = (problems: FieldProblem[]) => problems.map((p) => ({ name: p.field, reason: p.message }));

const STATUS_OF = {
  invalid: 422,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
} as const;

/** Turns the service's refusals into problems. */
async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SubmissionError) {
      throw new Problem(STATUS_OF[error.kind], error.message, {
        ...(error.problems.length > 0 ? { invalidParams: params(error.problems) } : {}),
      });
    }
    if (error instanceof IdempotencyConflict) {
      throw error.reason === 'different-body'
        ? Problem.invalid(422, error.message, [
            { name: 'Idempotency-Key', reason: 'already used with a different body; use a new key' },
          ])
        : new Problem(409, error.message);
    }
    if (error instanceof InvalidCursor) {
      throw Problem.invalid(400, 'The cursor is not valid.', [{ name: 'cursor', reason: error.message }]);
    }
    throw error;
  }
}

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
  const { record, problems } = await answering(() => verifySubmissionAttachments(ports, submissionId, now));
  if (problems.length > 0) {
    throw Problem.invalid(422, 'Some PDF annexes are missing or cannot be used.', params(problems));
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
        const { replayed, response } = await answering(() =>
          submit(ports, {
            input: event.body,
            state: caller.state as StateCode,
            actor: actorOf(caller),
            now: new Date(),
            ...(idempotencyKey ? { idempotencyKey } : {}),
          }),
        );
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
        const page = await answering(() => listSubmissionsFor(ports, viewerOf(caller), query));
        return json(200, { items: page.items.map(submissionSummary), nextCursor: page.cursor ?? null });
      },
    },
    {
      method: 'GET',
      path: '/v1/submissions/{id}',
      handler: async (event: HttpEvent) => {
        const caller = requireRole(event, 'mission', 'officer');
        const record = await answering(() =>
          getSubmissionFor(ports, idOf(event), viewerOf(caller), new Date()),
        );
        return json(200, submissionView(record));
      },
    },
    {
      method: 'POST',
      path: '/v1/submissions/{id}/attachments',
      handler: async (event: HttpEvent) => {
        const caller = requireRole(event, 'mission');
        const upload = parseBody(event, uploadRequestSchema);
        const answer = await answering(() =>
          requestUpload(ports, idOf(event), viewerOf(caller), upload, new Date()),
        );
        return json(201, answer);
      },
    },
    {
      method: 'POST',
      path: '/v1/submissions/{id}/reject',
      handler: async (event: HttpEvent) => {
        const caller = requireRole(event, 'officer');
        const { reason } = parseBody(event, rejectRequestSchema);
        const record = await answering(() =>
          rejectSubmission(ports, idOf(event), {
            reason: reason.trim(),
            actor: actorOf(caller),
            now: new Date(),
          }),
        );
        return json(200, submissionView(record));
      },
    },
  ];
  // The OpenAPI document rides along with this group, so api.ts needs one line for both.
  return [
    ...routes.map((route) => ({ ...route, handler: challenged(route.handler as never) })),
    ...openApiRoutes(),
  ];
}
