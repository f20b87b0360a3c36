/**
 * The submission routes: missions submit and follow their letters, officers see all and reject.
 * Thin handlers: the router has checked the caller and the body (router.ts); they call the
 * submissions service and shape the answer.
 */
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import type { StateCode } from '../domain/member-states.ts';
import {
  SUBMISSION_STATUSES,
  type SubmissionRecord,
  submissionSummary,
  submissionView,
} from '../domain/submission-record.ts';
import {
  getSubmissionFor,
  listSubmissionsFor,
  previewDocx,
  rejectSubmission,
  requestUpload,
  type SubmissionPorts,
  submit,
  type Viewer,
  verifyAttachments as verifySubmissionAttachments,
} from '../domain/submissions-service.ts';
import { actorOf, type Caller } from './caller.ts';
import { json } from './http-api.ts';
import { idempotencyKeyOf } from './idempotency-key.ts';
import { problemOf } from './problem.ts';
import { pagingSchema } from './request-validation.ts';
import type { Handlers } from './router.ts';

// --- Request schemas (also published in the OpenAPI document) ---------------------------------

export const listQuerySchema = pagingSchema.extend({
  status: z
    .enum(SUBMISSION_STATUSES, { error: `must be one of ${SUBMISSION_STATUSES.join(', ')}` })
    .optional(),
});

const viewerOf = (caller: Caller): Viewer =>
  caller.role === 'officer' ? { role: 'officer' } : { role: 'mission', state: caller.state as StateCode };

/**
 * For registration: checks the PDF annexes of a submission (uploads that arrived are parsed and
 * recorded) and throws a 422 naming `/annexes/N` for each one missing or unusable.
 */
export async function verifyAttachments(
  ports: SubmissionPorts,
  submissionId: string,
  now = new Date(),
): Promise<SubmissionRecord> {
  const { record, problems } = await verifySubmissionAttachments(ports, submissionId, now);
  if (problems.length > 0) {
    throw problemOf(new DomainError('invalid', 'Some PDF annexes are missing or cannot be used.', problems));
  }
  return record;
}

// --- Handlers ----------------------------------------------------------------------------------

type SubmissionOperations =
  | 'submit'
  | 'listSubmissions'
  | 'getSubmission'
  | 'requestUpload'
  | 'rejectSubmission'
  | 'convertDocx';

export function submissionHandlers(ports: SubmissionPorts): Pick<Handlers<'api'>, SubmissionOperations> {
  return {
    submit: async ({ event, caller, body }) => {
      const idempotencyKey = idempotencyKeyOf(event);
      const { replayed, response } = await submit(ports, {
        input: body,
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
    listSubmissions: async ({ caller, query }) => {
      const page = await listSubmissionsFor(ports, viewerOf(caller), query);
      return json(200, { items: page.items.map(submissionSummary), nextCursor: page.cursor ?? null });
    },
    getSubmission: async ({ caller, params }) => {
      const record = await getSubmissionFor(ports, params.id, viewerOf(caller), new Date());
      return json(200, submissionView(record));
    },
    convertDocx: async ({ body }) => json(200, await previewDocx(ports, body.docx)),
    requestUpload: async ({ caller, params, body }) =>
      json(201, await requestUpload(ports, params.id, viewerOf(caller), body, new Date(), actorOf(caller))),
    rejectSubmission: async ({ caller, params, body }) => {
      const record = await rejectSubmission(ports, params.id, {
        reason: body.reason.trim(),
        actor: actorOf(caller),
        now: new Date(),
      });
      return json(200, submissionView(record));
    },
  };
}
