/**
 * Every route of the HTTP API, declared once: method, path, who may call it, the function that
 * serves it, its request and response schemas and its OpenAPI text. The API Gateway routes (CDK),
 * the local gateway, the router of the API function and `GET /v1/openapi.json` are all built from
 * this table, and the integration tests check every answer against the schema declared here.
 *
 * Routes whose path holds a document symbol take the rest of the path (`{proxy+}`), since symbols
 * contain slashes; the handler splits the symbol from the action (`/v1/documents/A/79/923/followups`).
 */
import type { z } from 'zod';
import { agendaSchema } from '../domain/agenda.ts';
import { distributeRequestSchema } from '../domain/distribution.ts';
import { followupRequestSchema, registerRequestSchema } from '../domain/registration.ts';
import { searchQuerySchema } from '../domain/search.ts';
import { seriesUpdateSchema } from '../domain/series.ts';
import { submissionSchema } from '../domain/submission.ts';
import { rejectRequestSchema, uploadRequestSchema } from '../domain/submissions-service.ts';
import type { RouteDef } from '../resources.ts';
import { versionBodySchema } from './distribution.ts';
import { pagingSchema } from './request-validation.ts';
import {
  agendaSchemaOut,
  createdSubscriptionSchema,
  deliverySchema,
  distributionStateSchema,
  documentSchema,
  documentViewSchema,
  healthSchema,
  openApiSchema,
  pageOf,
  searchPageSchema,
  seriesListSchema,
  seriesStateSchema,
  submissionSummarySchema,
  submissionViewSchema,
  subscriptionSchema,
  uploadTicketSchema,
  versionStoredSchema,
} from './responses.ts';
import { listQuerySchema as submissionListQuery } from './submissions.ts';
import { createSubscriptionSchema } from './subscriptions.ts';

export interface ResponseSpec {
  description: string;
  /** The body's schema; absent for an empty body or a redirect. Errors are always problem+json. */
  schema?: z.ZodType;
  /** Defaults to `application/json` (`application/problem+json` for 4xx and 5xx). */
  contentType?: string;
  /** Response headers worth documenting (`Location`). */
  headers?: string[];
}

export interface RouteSpec extends RouteDef {
  summary: string;
  description?: string;
  tags: string[];
  /** Whether anonymous callers get an answer too (public documents, for instance). */
  publicToo?: boolean;
  /** The JSON body: its schema, its name in the OpenAPI components, whether it may be left out. */
  body?: { name: string; schema: z.ZodType; optional?: boolean };
  /** The query string, as the handler parses it. */
  query?: z.ZodType;
  /** Honours `Idempotency-Key` (one rule everywhere: http/idempotency-key.ts). */
  idempotent?: boolean;
  /** Every status the route answers with, beyond the 401/403 of token routes and generic 5xx. */
  responses: Record<number, ResponseSpec>;
}

const problem = (description: string): ResponseSpec => ({ description });

/** `Distribute` and `followups` share a path; the body is the one the action takes. */
const documentActionBody = {
  name: 'DocumentAction',
  schema: followupRequestSchema.or(distributeRequestSchema),
  optional: true,
};

export const ROUTES: RouteSpec[] = [
  {
    method: 'GET',
    path: '/v1/health',
    fn: 'api',
    auth: 'none',
    summary: 'Whether the table and the bucket can be reached',
    tags: ['service'],
    responses: {
      200: { description: 'Both reachable', schema: healthSchema },
      503: problem('A dependency cannot be reached'),
    },
  },
  {
    method: 'GET',
    path: '/v1/openapi.json',
    fn: 'api',
    auth: 'none',
    summary: 'This document',
    tags: ['service'],
    responses: { 200: { description: 'OpenAPI 3.1', schema: openApiSchema } },
  },
  // Submissions (missions and officers)
  {
    method: 'POST',
    path: '/v1/submissions',
    fn: 'api',
    auth: 'token',
    summary: 'Submit a letter or note verbale (mission)',
    description:
      'The State in `from.state` must be the State of the mission token (403 naming `/from/state` otherwise). ' +
      'With an `Idempotency-Key`, a repeat with the same body answers as the first request did; with another body, 422.',
    tags: ['submissions'],
    body: { name: 'SubmissionInput', schema: submissionSchema },
    idempotent: true,
    responses: {
      201: { description: 'Stored, status `received`', schema: submissionViewSchema, headers: ['Location'] },
      400: problem('The Idempotency-Key header is not valid'),
      409: problem('A request with this Idempotency-Key is still being processed'),
      413: problem('The body is over 1 MB, or the submission too large to store'),
      415: problem('The body is not JSON'),
      422: problem('A field is not valid (see invalid-params)'),
    },
  },
  {
    method: 'GET',
    path: '/v1/submissions',
    fn: 'api',
    auth: 'token',
    summary: "List submissions: a mission's own, or all for officers; newest first",
    tags: ['submissions'],
    query: submissionListQuery,
    responses: {
      200: { description: 'A page', schema: pageOf(submissionSummarySchema) },
      400: problem('A query parameter is not valid'),
    },
  },
  {
    method: 'GET',
    path: '/v1/submissions/{id}',
    fn: 'api',
    auth: 'token',
    summary: 'A submission with its timeline and attachments (uploaded PDFs are checked on the way)',
    tags: ['submissions'],
    responses: {
      200: { description: 'The submission', schema: submissionViewSchema },
      404: problem('No such submission (or not yours)'),
    },
  },
  {
    method: 'POST',
    path: '/v1/submissions/{id}/attachments',
    fn: 'api',
    auth: 'token',
    summary: 'A presigned PUT URL for the PDF of an annex declared with `attachment` (mission)',
    tags: ['submissions'],
    body: { name: 'UploadRequest', schema: uploadRequestSchema },
    responses: {
      201: { description: 'PUT the PDF to uploadUrl with exactly these headers', schema: uploadTicketSchema },
      404: problem('No such submission (or not yours)'),
      409: problem('The submission is no longer `received`'),
      422: problem('A field is not valid (see invalid-params)'),
    },
  },
  {
    method: 'POST',
    path: '/v1/submissions/{id}/reject',
    fn: 'api',
    auth: 'token',
    summary: 'Reject a received submission, with a reason (officer)',
    tags: ['submissions'],
    body: { name: 'RejectRequest', schema: rejectRequestSchema },
    responses: {
      200: { description: 'Rejected', schema: submissionViewSchema },
      404: problem('No such submission'),
      409: problem('The submission is not `received`'),
      422: problem('The reason is missing'),
    },
  },
  {
    method: 'POST',
    path: '/v1/submissions/{id}/register',
    fn: 'api',
    auth: 'token',
    summary: 'Register a received submission: symbols and job number (officer)',
    tags: ['numbering'],
    body: { name: 'RegisterRequest', schema: registerRequestSchema, optional: true },
    responses: {
      201: { description: 'The new document', schema: documentSchema, headers: ['Location'] },
      200: { description: 'Already registered: the same document', schema: documentSchema },
      404: problem('No such submission'),
      409: problem('The submission was rejected, or a series has run out of numbers'),
      422: problem('An agenda item is not on the loaded agenda, or a PDF annex is not verified'),
      503: problem('Another request is registering it; retry shortly'),
    },
  },
  // Numbering and agendas (officers; agendas are readable by every signed-in caller)
  {
    method: 'GET',
    path: '/v1/series',
    fn: 'api',
    auth: 'token',
    summary: 'Where each numbering series continues (officer)',
    tags: ['numbering'],
    responses: { 200: { description: 'Every series', schema: seriesListSchema } },
  },
  {
    method: 'PUT',
    path: '/v1/series',
    fn: 'api',
    auth: 'token',
    summary: 'Set the next number of a numbering series (officer)',
    tags: ['numbering'],
    body: { name: 'SeriesUpdate', schema: seriesUpdateSchema },
    responses: {
      200: { description: 'The series as it now stands', schema: seriesStateSchema },
      409: problem('The series has already handed out that number'),
      422: problem('A field is not valid'),
    },
  },
  {
    method: 'PUT',
    path: '/v1/agendas/{organ}/{session}',
    fn: 'api',
    auth: 'token',
    summary: 'Store the agenda of a session (officer)',
    tags: ['agendas'],
    body: { name: 'Agenda', schema: agendaSchema },
    responses: {
      200: { description: 'Stored', schema: agendaSchemaOut },
      413: problem('The agenda is too large to store'),
      422: problem('A field is not valid, or the organ is not GA or the session not a session'),
    },
  },
  {
    method: 'GET',
    path: '/v1/agendas/{organ}/{session}',
    fn: 'api',
    auth: 'token',
    summary: "A session's agenda items with their titles in six languages (any signed-in caller)",
    tags: ['agendas'],
    responses: {
      200: { description: 'The agenda', schema: agendaSchemaOut },
      404: problem('No agenda is loaded for that session'),
      422: problem('The organ is not GA or the session not a session'),
    },
  },
  // Documents: officers see all, the public sees distributed ones
  {
    method: 'GET',
    path: '/v1/documents',
    fn: 'api',
    auth: 'token',
    publicToo: true,
    summary: 'Search distributed documents, newest first',
    tags: ['documents'],
    query: searchQuerySchema,
    responses: {
      200: { description: 'A page of public metadata', schema: searchPageSchema },
      400: problem('A search parameter is not valid'),
    },
  },
  {
    method: 'GET',
    path: '/v1/documents/{proxy+}',
    fn: 'api',
    auth: 'token',
    publicToo: true,
    summary:
      'A document by any of its symbols: the whole document for officers, public metadata once distributed',
    tags: ['documents'],
    responses: {
      200: { description: 'The document', schema: documentViewSchema },
      404: problem('No such document (or not distributed)'),
    },
  },
  {
    method: 'POST',
    path: '/v1/documents/{proxy+}',
    fn: 'api',
    auth: 'token',
    summary: 'Act on a document: `{symbol}/followups` or `{symbol}/distribute` (officer)',
    description: '`…/followups` honours `Idempotency-Key`; `…/distribute` may be sent without a body.',
    tags: ['documents'],
    body: documentActionBody,
    idempotent: true,
    responses: {
      201: { description: 'The follow-up document', schema: documentSchema, headers: ['Location'] },
      200: {
        description: 'A follow-up already made with this Idempotency-Key, or a distribution already done',
        schema: documentSchema.or(distributionStateSchema),
      },
      202: {
        description: 'Distribution under way: languages stored and pending',
        schema: distributionStateSchema,
      },
      400: problem('The Idempotency-Key header is not valid'),
      404: problem('No such document or action'),
      409: problem('A version is missing, or the document is not in a state for this'),
      422: problem('A field is not valid'),
      503: problem('Another request holds the document; retry shortly'),
    },
  },
  {
    method: 'PUT',
    path: '/v1/documents/{proxy+}',
    fn: 'api',
    auth: 'token',
    summary: 'Supply one language version: `{symbol}/versions/{lang}` (officer)',
    tags: ['documents'],
    body: { name: 'VersionInput', schema: versionBodySchema },
    responses: {
      201: { description: 'Stored', schema: versionStoredSchema, headers: ['Location'] },
      200: { description: 'Replaced', schema: versionStoredSchema },
      404: problem('No such document or language'),
      409: problem('The document is already distributed'),
      422: problem('A field is not valid'),
      503: problem('Another version is being written; retry shortly'),
    },
  },
  // Subscriptions and feeds
  {
    method: 'POST',
    path: '/v1/subscriptions',
    fn: 'api',
    auth: 'token',
    summary: 'Subscribe a webhook endpoint; it is verified first, and the signing secret is shown once',
    tags: ['subscriptions'],
    body: { name: 'SubscriptionInput', schema: createSubscriptionSchema },
    responses: {
      201: {
        description: 'Verified and active; includes `secret` (whsec_…)',
        schema: createdSubscriptionSchema,
        headers: ['Location'],
      },
      422: problem('A field is not valid, the URL is not allowed, or the endpoint failed verification'),
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions',
    fn: 'api',
    auth: 'token',
    summary: "List the caller's subscriptions (a mission's: its State's), newest first, never the secret",
    tags: ['subscriptions'],
    query: pagingSchema,
    responses: {
      200: { description: 'A page', schema: pageOf(subscriptionSchema) },
      400: problem('The limit or the cursor is not valid'),
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions/{id}',
    fn: 'api',
    auth: 'token',
    summary: 'One of your subscriptions, never its secret',
    tags: ['subscriptions'],
    responses: {
      200: { description: 'The subscription', schema: subscriptionSchema },
      404: problem('No such subscription (or not yours)'),
    },
  },
  {
    method: 'DELETE',
    path: '/v1/subscriptions/{id}',
    fn: 'api',
    auth: 'token',
    summary: 'End a subscription; nothing more is delivered to it',
    tags: ['subscriptions'],
    responses: {
      204: { description: 'Deleted' },
      404: problem('No such subscription (or not yours)'),
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions/{id}/deliveries',
    fn: 'api',
    auth: 'token',
    summary: "A subscription's deliveries, newest first, with their attempts and last errors",
    tags: ['subscriptions'],
    query: pagingSchema,
    responses: {
      200: { description: 'A page', schema: pageOf(deliverySchema) },
      400: problem('The limit or the cursor is not valid'),
      404: problem('No such subscription (or not yours)'),
    },
  },
  {
    method: 'GET',
    path: '/v1/feeds/documents.atom',
    fn: 'api',
    auth: 'none',
    summary: 'Atom 1.0 feed of distributed documents (same filters as the search)',
    tags: ['documents'],
    query: searchQuerySchema,
    responses: {
      200: { description: 'An Atom feed', contentType: 'application/atom+xml' },
      400: problem('A search parameter is not valid'),
    },
  },
  // The persistent URL printed in QR codes: 302 to the PDF of that language version
  {
    method: 'GET',
    path: '/{lang}/{proxy+}',
    fn: 'api',
    auth: 'none',
    summary: 'The persistent URL printed in QR codes: redirects to the PDF of that language version',
    tags: ['documents'],
    responses: {
      302: { description: 'To a short-lived URL of the PDF', headers: ['Location'] },
      404: problem('No such PDF'),
    },
  },
];

/** `METHOD path`, the key a route is known by (API Gateway's route key). */
export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>) => `${route.method} ${route.path}`;
