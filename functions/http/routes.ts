/**
 * Every route of the HTTP API, declared once: method, path, who may call it, the function that
 * serves it, its request and response schemas and its OpenAPI text. The API Gateway routes (CDK),
 * the local gateway, the router of the API function and `GET /v1/openapi.json` are all built from
 * this table, and the integration tests check every answer against the schema declared here.
 *
 * Routes whose path holds a document symbol take the rest of the path (`{proxy+}`), since symbols
 * contain slashes; the router splits the symbol from the action (`/v1/documents/A/79/923/followups`)
 * and checks that action as declared under `actions`.
 */
import { z } from 'zod';
import { agendaSchema } from '../domain/agenda.ts';
import { distributeRequestSchema } from '../domain/distribution.ts';
import { LANGUAGES } from '../domain/languages.ts';
import { followupRequestSchema, registerRequestSchema } from '../domain/registration.ts';
import { searchRequestSchema } from '../domain/search.ts';
import { MAX_SESSION, seriesUpdateSchema } from '../domain/series.ts';
import { docxBase64, submissionRequestSchema } from '../domain/submission.ts';
import { submissionIdSchema } from '../domain/submission-record.ts';
import { rejectRequestSchema, uploadRequestSchema } from '../domain/submissions-service.ts';
import { subscriptionIdSchema } from '../domain/subscription.ts';
import type { Role } from '../domain/tokens.ts';
import type { RouteDef } from '../resources.ts';
import { HTML, WEB_SEARCH_FIELDS } from '../web/constants.ts';
import { INTAKE_FIELDS } from '../web/intake-filter.ts';
import { versionRequestSchema } from './distribution.ts';
import {
  agendaSchemaOut,
  createdSubscriptionSchema,
  deliverySchema,
  distributionStateSchema,
  documentSchema,
  documentViewSchema,
  docxConversionSchema,
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
import { createSubscriptionSchema, subscriptionListQuery } from './subscriptions.ts';

export interface ResponseSpec {
  description: string;
  /** The body's schema; absent for an empty body or a redirect. Errors are always problem+json. */
  schema?: z.ZodType;
  /** Defaults to `application/json` (`application/problem+json` for 4xx and 5xx). */
  contentType?: string;
  /** Other media types the same status may carry (a page's route that also serves a PDF). */
  alsoContentTypes?: readonly string[];
  /** Response headers worth documenting (`Location`). */
  headers?: readonly string[];
}

/**
 * Who may call: `anyone` (a bad token is still a 401, so a client learns its token is wrong), or
 * the roles whose tokens are accepted (others get 401 without a token, 403 with another role).
 */
export type Who = 'anyone' | readonly Role[];

/** A JSON request body: its schema, its name in the OpenAPI components, whether it may be left out. */
export interface BodySpec {
  name: string;
  schema: z.ZodType;
  /** May be left out (or empty); it is then checked as `{}`, so the schema's defaults apply. */
  optional?: boolean;
  /** The detail of the 422 for a body off its schema (default: "The request body is not valid."). */
  invalid?: string;
}

/**
 * Path parameters: what each may be. One that cannot name anything is refused before any read,
 * with a 404 (nothing can be there) unless `status` says it is a 422 (a value that is wrongly put).
 */
export interface ParamsSpec {
  schema: z.ZodType;
  status?: 404 | 422;
}

/** What the router checks before a handler runs, and what the handler is then handed. */
interface Checked {
  /** The name its handler is known by (functions/http/api.ts); routes with actions name theirs. */
  operation?: string;
  who: Who;
  params?: ParamsSpec;
  body?: BodySpec;
  /** The query string, checked before the handler runs (400 naming each parameter). */
  query?: z.ZodType;
  /** Honours `Idempotency-Key` (one rule everywhere: http/idempotency-key.ts). */
  idempotent?: boolean;
}

/**
 * One action on a document, after its symbol: `''` (the document itself), `followups`,
 * `versions/{lang}` (a `{name}` segment is handed to the handler as a parameter).
 */
export interface ActionSpec extends Checked {
  path: string;
  operation: string;
}

export interface RouteSpec extends RouteDef, Checked {
  summary: string;
  description?: string;
  tags: readonly string[];
  /**
   * Routes whose path ends in a document symbol (`/v1/documents/{proxy+}`): the actions after the
   * symbol, each checked and handled on its own. The route's own `body` is the OpenAPI view of theirs.
   */
  actions?: readonly ActionSpec[];
  /** Every status the route answers with, beyond the 401/403 of token routes and generic 5xx. */
  responses: Readonly<Record<number, ResponseSpec>>;
}

const problem = (description: string): ResponseSpec => ({ description });

const docxConversionRequestSchema = z.strictObject({
  /** The `.docx` file, base64-encoded. */
  docx: docxBase64,
});

const followupBody = { name: 'FollowupRequest', schema: followupRequestSchema };
const distributeBody = { name: 'DistributeRequest', schema: distributeRequestSchema, optional: true };
const versionBody = { name: 'VersionInput', schema: versionRequestSchema };

/** The rest of a document path: its symbol and action (the longest joint symbol is far shorter). */
const documentPath = {
  schema: z.object({ proxy: z.string().max(1_000, { error: 'no document path is over 1,000 characters' }) }),
};
const language = z.enum(LANGUAGES, {
  error: (issue) =>
    `there is no language "${String(issue.input).slice(0, 20)}"; the languages are ${LANGUAGES.join(', ')}`,
});
/** A console document page: the UI language, then the symbol and what follows it. */
const consoleDocumentPath = { schema: documentPath.schema.extend({ lang: language }) };
/** The language of a version the console works on (the page's own language is `lang`). */
const docLangPath = { schema: z.object({ docLang: language }) };
/** An HTML page of the web function, the error pages included. */
const htmlPage = (description: string): ResponseSpec => ({ description, contentType: HTML });

/**
 * The search page's fields as the form sends them (empty ones included): only their size is
 * checked here; the page checks their meaning with the API's own rules and says which is wrong.
 */
const webSearchQuery = z.object(
  Object.fromEntries(
    [...WEB_SEARCH_FIELDS, 'cursor'].map((field) => [
      field,
      z.string().max(2000, { error: 'is too long' }).optional(),
    ]),
  ) as Record<(typeof WEB_SEARCH_FIELDS)[number] | 'cursor', z.ZodOptional<z.ZodString>>,
);

const submissionPath = { schema: z.object({ id: submissionIdSchema }) };
const consoleSubmissionPath = { schema: z.object({ lang: language, id: submissionIdSchema }) };

/** The intake queue's filter as its form sends it: only the size here; the page checks the meaning. */
const intakeQuery = z.object(
  Object.fromEntries([
    ...INTAKE_FIELDS.map((field) => [field, z.string().max(20, { error: 'is too long' }).optional()]),
    ['cursor', z.string().max(2000, { error: 'is too long' }).optional()],
  ]) as Record<(typeof INTAKE_FIELDS)[number] | 'cursor', z.ZodOptional<z.ZodString>>,
);
const subscriptionPath = { schema: z.object({ id: subscriptionIdSchema }) };
const agendaPath = {
  schema: z.object({
    organ: z.literal('GA', { error: 'must be GA: Distr keeps agendas for General Assembly sessions' }),
    session: z
      .string()
      .regex(/^[1-9]\d{0,2}$/, { error: `must be a session number from 1 to ${MAX_SESSION}, as in 79` })
      .transform(Number)
      .pipe(
        z.number().max(MAX_SESSION, { error: `must be a session number from 1 to ${MAX_SESSION}, as in 79` }),
      ),
  }),
  status: 422 as const,
};

/** A signed-in page asked for without a session. */
const signedOutRedirect: ResponseSpec = {
  description: 'Signed out: to the sign-in page, and back afterwards',
  headers: ['Location'],
};
/** A token's id, as it is listed (16 hex digits). */
const tokenIdParam = z.string().regex(/^[0-9a-f]{16}$/, { error: 'is not a token id' });

/** Every role: agendas, subscriptions and the rest any signed-in caller may use. */
const SIGNED_IN = ['officer', 'mission', 'subscriber'] as const;

export const ROUTES = [
  {
    method: 'GET',
    path: '/v1/health',
    operation: 'health',
    who: 'anyone',
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
    operation: 'openApi',
    who: 'anyone',
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
    operation: 'submit',
    who: ['mission'],
    fn: 'api',
    auth: 'token',
    summary: 'Submit a letter or note verbale (mission)',
    description:
      'The State in `from.state` must be the State of the mission token (403 naming `/from/state` otherwise). ' +
      'With an `Idempotency-Key`, a repeat with the same body answers as the first request did; with another body, 422. ' +
      'The body comes as Markdown (`body`) or as a Word file (`bodyDocx`, base64); a file is converted as ' +
      '`POST /v1/conversions/docx` shows, refused by name where it cannot be set, and kept beside the submission (`source`).',
    tags: ['submissions'],
    body: {
      name: 'SubmissionInput',
      schema: submissionRequestSchema,
      invalid: 'The submission is not valid.',
    },
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
    method: 'POST',
    path: '/v1/conversions/docx',
    operation: 'convertDocx',
    who: ['mission', 'officer'],
    fn: 'api',
    auth: 'token',
    summary:
      'Preview a Word file as Distr would take it: title, body, signature and annexes; nothing is stored',
    description:
      'The client shows the result for confirmation before it submits the file (`bodyDocx`) or a version from it. ' +
      'What cannot be set (tables, images, tracked changes, comments, macros, encrypted files, characters no font has) ' +
      'is a 422 naming the paragraph by number and first words.',
    tags: ['submissions'],
    body: { name: 'DocxConversionRequest', schema: docxConversionRequestSchema },
    responses: {
      200: { description: 'The converted document', schema: docxConversionSchema },
      413: problem('The body is over 1 MB'),
      415: problem('The body is not JSON'),
      422: problem('The file cannot be converted (see invalid-params)'),
    },
  },
  {
    method: 'GET',
    path: '/v1/submissions',
    operation: 'listSubmissions',
    who: ['mission', 'officer'],
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
    operation: 'getSubmission',
    who: ['mission', 'officer'],
    params: submissionPath,
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
    operation: 'requestUpload',
    who: ['mission'],
    params: submissionPath,
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
    operation: 'rejectSubmission',
    who: ['officer'],
    params: submissionPath,
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
    operation: 'register',
    who: ['officer'],
    params: submissionPath,
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
    operation: 'listSeries',
    who: ['officer'],
    fn: 'api',
    auth: 'token',
    summary: 'Where each numbering series continues (officer)',
    tags: ['numbering'],
    responses: { 200: { description: 'Every series', schema: seriesListSchema } },
  },
  {
    method: 'PUT',
    path: '/v1/series',
    operation: 'setSeries',
    who: ['officer'],
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
    operation: 'putAgenda',
    who: ['officer'],
    params: agendaPath,
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
    operation: 'getAgenda',
    who: SIGNED_IN,
    params: agendaPath,
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
    operation: 'searchDocuments',
    who: 'anyone',
    fn: 'api',
    auth: 'token',
    summary: 'Search distributed documents: newest first, or in symbol order',
    tags: ['documents'],
    query: searchRequestSchema,
    responses: {
      200: { description: 'A page of public metadata', schema: searchPageSchema },
      400: problem('A search parameter is not valid'),
    },
  },
  {
    method: 'GET',
    path: '/v1/documents/{proxy+}',
    who: 'anyone',
    params: documentPath,
    actions: [{ path: '', operation: 'getDocument', who: 'anyone' }],
    fn: 'api',
    auth: 'token',
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
    who: ['officer'],
    params: documentPath,
    actions: [
      { path: 'followups', operation: 'followup', who: ['officer'], body: followupBody, idempotent: true },
      { path: 'distribute', operation: 'distribute', who: ['officer'], body: distributeBody },
    ],
    fn: 'api',
    auth: 'token',
    summary: 'Act on a document: `{symbol}/followups` or `{symbol}/distribute` (officer)',
    description: '`…/followups` honours `Idempotency-Key`; `…/distribute` may be sent without a body.',
    tags: ['documents'],
    body: {
      name: 'DocumentAction',
      schema: followupRequestSchema.or(distributeRequestSchema),
      optional: true,
    },
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
    who: ['officer'],
    params: documentPath,
    actions: [
      {
        path: 'versions/{lang}',
        operation: 'putVersion',
        who: ['officer'],
        params: { schema: z.object({ lang: language }) },
        body: versionBody,
      },
    ],
    fn: 'api',
    auth: 'token',
    summary: 'Supply one language version: `{symbol}/versions/{lang}` (officer)',
    tags: ['documents'],
    body: versionBody,
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
    operation: 'createSubscription',
    who: SIGNED_IN,
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
    operation: 'listSubscriptions',
    who: SIGNED_IN,
    fn: 'api',
    auth: 'token',
    summary: "List the caller's subscriptions (a mission's: its State's), newest first, never the secret",
    tags: ['subscriptions'],
    query: subscriptionListQuery,
    responses: {
      200: { description: 'A page', schema: pageOf(subscriptionSchema) },
      400: problem('The limit or the cursor is not valid'),
    },
  },
  {
    method: 'GET',
    path: '/v1/subscriptions/{id}',
    operation: 'getSubscription',
    who: SIGNED_IN,
    params: subscriptionPath,
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
    operation: 'deleteSubscription',
    who: SIGNED_IN,
    params: subscriptionPath,
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
    operation: 'listDeliveries',
    who: SIGNED_IN,
    params: subscriptionPath,
    fn: 'api',
    auth: 'token',
    summary: "A subscription's deliveries, newest first, with their attempts and last errors",
    tags: ['subscriptions'],
    query: subscriptionListQuery,
    responses: {
      200: { description: 'A page', schema: pageOf(deliverySchema) },
      400: problem('The limit or the cursor is not valid'),
      404: problem('No such subscription (or not yours)'),
    },
  },
  {
    method: 'GET',
    path: '/v1/feeds/documents.atom',
    operation: 'documentsFeed',
    who: 'anyone',
    fn: 'api',
    auth: 'none',
    summary: 'Atom 1.0 feed of distributed documents (same filters as the search)',
    tags: ['documents'],
    query: searchRequestSchema,
    responses: {
      200: { description: 'An Atom feed', contentType: 'application/atom+xml' },
      400: problem('A search parameter is not valid'),
    },
  },
  // The public web pages (function `web`): HTML in six languages, under paths of their own so that
  // API Gateway (which ranks literal segments above parameters) matches them before the persistent
  // URL below.
  {
    method: 'GET',
    path: '/',
    operation: 'webRoot',
    who: 'anyone',
    fn: 'web',
    auth: 'none',
    summary: 'The home page in the language the browser asks for (Accept-Language), English otherwise',
    tags: ['web'],
    responses: { 302: { description: 'To /{lang}', headers: ['Location', 'Vary'] } },
  },
  {
    method: 'GET',
    path: '/{lang}',
    operation: 'webHome',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    fn: 'web',
    auth: 'none',
    summary: 'Home page: the latest distributed documents and a search box',
    tags: ['web'],
    responses: { 200: htmlPage('The home page'), 404: htmlPage('No such language') },
  },
  {
    method: 'GET',
    path: '/{lang}/search',
    operation: 'webSearch',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    query: webSearchQuery,
    fn: 'web',
    auth: 'none',
    summary: 'Search page: the form and a page of results, newest first',
    tags: ['web'],
    responses: {
      200: htmlPage('The form and the results'),
      400: htmlPage('The form, saying which field is not valid'),
      404: htmlPage('No such language'),
    },
  },
  {
    method: 'GET',
    path: '/{lang}/documents/{proxy+}',
    operation: 'webDocument',
    who: 'anyone',
    params: { schema: documentPath.schema.extend({ lang: language }) },
    fn: 'web',
    auth: 'none',
    summary: 'The page of a distributed document, by any of its symbols',
    tags: ['web'],
    responses: {
      200: htmlPage('The document page'),
      404: htmlPage('No such distributed document (an undistributed one is not revealed)'),
    },
  },
  {
    method: 'GET',
    path: '/assets/{file}',
    operation: 'webAsset',
    who: 'anyone',
    params: { schema: z.object({ file: z.string().max(100, { error: 'no asset name is that long' }) }) },
    fn: 'web',
    auth: 'none',
    summary: 'The stylesheet, by its content-hashed name (cached for a year)',
    tags: ['web'],
    responses: {
      200: { description: 'The stylesheet', contentType: 'text/css; charset=utf-8' },
      404: htmlPage('No such asset'),
    },
  },
  {
    method: 'GET',
    path: '/scripts/{file}',
    operation: 'webScript',
    who: 'anyone',
    params: { schema: z.object({ file: z.string().max(100, { error: 'no script name is that long' }) }) },
    fn: 'web',
    auth: 'none',
    summary: 'The submission form’s script, by its content-hashed name (cached for a year)',
    tags: ['web'],
    responses: {
      200: { description: 'The script', contentType: 'text/javascript; charset=utf-8' },
      404: htmlPage('No such script'),
    },
  },
  // Signing in and the pages of a session. The pages read the session cookie themselves (no
  // authorizer: a browser sends no bearer token); their form bodies are read by the handlers.
  {
    method: 'GET',
    path: '/{lang}/sign-in',
    operation: 'webSignIn',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    query: z.object({
      return: z.string().max(500, { error: 'is too long' }).optional(),
      out: z.literal('1', { error: 'must be 1' }).optional(),
    }),
    fn: 'web',
    auth: 'none',
    summary: 'The sign-in page: a form for the token (never kept in the browser)',
    tags: ['web'],
    responses: {
      200: htmlPage('The sign-in form'),
      303: { description: 'Already signed in: to the portal or the console', headers: ['Location'] },
      404: htmlPage('No such language'),
    },
  },
  {
    method: 'POST',
    path: '/{lang}/sign-in',
    operation: 'webSignInPost',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    fn: 'web',
    auth: 'none',
    summary: 'Exchanges a token (form field `token`) for a session cookie',
    tags: ['web'],
    responses: {
      303: { description: 'Signed in: to the page asked for', headers: ['Location', 'Set-Cookie'] },
      400: htmlPage('The form, saying the token is missing'),
      401: htmlPage('The form, saying the token is not valid'),
      403: htmlPage('Sent from another site'),
      413: htmlPage('The form is too large'),
      429: htmlPage('Too many failed attempts from this address: wait (Retry-After)'),
    },
  },
  {
    method: 'POST',
    path: '/{lang}/sign-out',
    operation: 'webSignOut',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    fn: 'web',
    auth: 'none',
    summary: 'Ends the session (form field `csrf`)',
    tags: ['web'],
    responses: {
      303: { description: 'To the sign-in page', headers: ['Location', 'Set-Cookie'] },
      403: htmlPage('Sent from another site, or without the CSRF token of the session'),
      413: htmlPage('The form is too large'),
    },
  },
  {
    method: 'GET',
    path: '/{lang}/portal',
    operation: 'webPortal',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    query: z.object({
      status: z.string().max(20, { error: 'is too long' }).optional(),
      cursor: z.string().max(2000, { error: 'is too long' }).optional(),
    }),
    fn: 'web',
    auth: 'none',
    summary: "The mission portal: the State's submissions, newest first",
    tags: ['web'],
    responses: {
      200: htmlPage('The submissions'),
      303: { description: 'Signed out: to the sign-in page, and back afterwards', headers: ['Location'] },
      400: htmlPage('A status or page link that is not valid'),
      403: htmlPage('Not a mission'),
      404: htmlPage('No such language'),
    },
  },
  // Before `/{lang}/portal/submissions/{id}`: the in-process router takes the first route that matches.
  {
    method: 'GET',
    path: '/{lang}/portal/submissions/new',
    operation: 'webSubmissionForm',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    query: z.object({ session: z.string().max(10, { error: 'is too long' }).optional() }),
    fn: 'web',
    auth: 'none',
    summary: 'The form of a new submission; `session` lists that GA session’s agenda items to choose from',
    tags: ['web'],
    responses: {
      200: htmlPage('The form'),
      303: { description: 'Signed out: to the sign-in page, and back afterwards', headers: ['Location'] },
      400: htmlPage('The form, saying the session is not valid'),
      403: htmlPage('Not a mission'),
      404: htmlPage('No such language'),
    },
  },
  {
    method: 'POST',
    path: '/{lang}/portal/submissions',
    operation: 'webSubmit',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    fn: 'web',
    auth: 'none',
    summary:
      'Submits the form (multipart, with its PDF annexes; its form key is the idempotency key), as POST /v1/submissions does',
    tags: ['web'],
    responses: {
      303: {
        description: 'Submitted (or submitted before with this form key): to the submission',
        headers: ['Location'],
      },
      403: htmlPage('Not a mission, sent from another site, or without the CSRF token of the session'),
      409: htmlPage('The form, saying it was sent before with other contents or is still being sent'),
      413: htmlPage('The form is too large'),
      422: htmlPage('The form as typed, each problem next to its field'),
    },
  },
  {
    method: 'POST',
    path: '/{lang}/portal/preview',
    operation: 'webPreview',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    fn: 'web',
    auth: 'none',
    summary: 'The form’s letter typeset as a PDF in its language of submission, for the form’s preview frame',
    tags: ['web'],
    responses: {
      200: { description: 'The draft as a PDF (never stored, never cached)', contentType: 'application/pdf' },
      303: { description: 'Signed out: to the sign-in page', headers: ['Location'] },
      403: htmlPage('Not a mission, sent from another site, or without the CSRF token of the session'),
      413: htmlPage('The form is too large'),
      422: htmlPage('The problems that stand in the way of a preview'),
    },
  },
  {
    method: 'GET',
    path: '/{lang}/portal/submissions/{id}',
    operation: 'webPortalSubmission',
    who: 'anyone',
    params: { schema: z.object({ lang: language, id: submissionIdSchema }) },
    fn: 'web',
    auth: 'none',
    summary: 'A submission of the State, with its timeline',
    tags: ['web'],
    responses: {
      200: htmlPage('The submission'),
      303: { description: 'Signed out: to the sign-in page, and back afterwards', headers: ['Location'] },
      403: htmlPage('Not a mission'),
      404: htmlPage("No such submission (another State's is not revealed)"),
    },
  },
  {
    method: 'GET',
    path: '/{lang}/console',
    operation: 'webConsole',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    query: intakeQuery,
    fn: 'web',
    auth: 'none',
    summary:
      'The officer console: the intake queue, oldest first, filtered by status, organ, session and age',
    tags: ['web'],
    responses: {
      200: htmlPage('The intake queue'),
      303: { description: 'Signed out: to the sign-in page, and back afterwards', headers: ['Location'] },
      400: htmlPage("The queue's form, saying which filter is not valid (or that a page link is not)"),
      403: htmlPage('Not an officer'),
      404: htmlPage('No such language'),
    },
  },
  {
    method: 'GET',
    path: '/{lang}/console/submissions/{id}',
    operation: 'webConsoleSubmission',
    who: 'anyone',
    params: consoleSubmissionPath,
    fn: 'web',
    auth: 'none',
    summary:
      'A submission in the console: its details, text, annexes and timeline, and the actions of its stage',
    tags: ['web'],
    responses: {
      200: htmlPage('The submission'),
      303: { description: 'Signed out: to the sign-in page, and back afterwards', headers: ['Location'] },
      403: htmlPage('Not an officer'),
      404: htmlPage('No such submission'),
    },
  },
  {
    method: 'GET',
    path: '/{lang}/console/submissions/{id}/register',
    operation: 'webConsoleRegister',
    who: 'anyone',
    params: consoleSubmissionPath,
    fn: 'web',
    auth: 'none',
    summary:
      'Confirming a registration: the symbols and job number it would take (a forecast; nothing is drawn)',
    tags: ['web'],
    responses: {
      200: htmlPage('The forecast numbers and the form that registers'),
      303: {
        description: 'Signed out: to the sign-in page; already registered: to the submission',
        headers: ['Location'],
      },
      403: htmlPage('Not an officer'),
      404: htmlPage('No such submission'),
      409: htmlPage('The submission was rejected, or a series has run out of numbers'),
      422: htmlPage('An agenda item is not on the loaded agenda'),
    },
  },
  {
    method: 'POST',
    path: '/{lang}/console/submissions/{id}/register',
    operation: 'webConsoleRegisterPost',
    who: 'anyone',
    params: consoleSubmissionPath,
    fn: 'web',
    auth: 'none',
    summary:
      'Registers the submission (form field `csrf`), as `POST /v1/submissions/{id}/register` does; a repeat registers once',
    tags: ['web'],
    responses: {
      303: { description: 'Registered (or signed out: to the sign-in page)', headers: ['Location'] },
      403: htmlPage('Not an officer, sent from another site, or without the CSRF token of the session'),
      404: htmlPage('No such submission'),
      409: htmlPage('The submission was rejected, or a series has run out of numbers'),
      413: htmlPage('The form is too large'),
      422: htmlPage('An agenda item is not on the loaded agenda, or a PDF annex is not verified'),
      503: htmlPage('Another request is registering it; retry shortly'),
    },
  },
  {
    method: 'POST',
    path: '/{lang}/console/submissions/{id}/reject',
    operation: 'webConsoleReject',
    who: 'anyone',
    params: consoleSubmissionPath,
    fn: 'web',
    auth: 'none',
    summary:
      'Rejects the submission with a reason (form fields `reason`, `csrf`), as `POST /v1/submissions/{id}/reject` does',
    tags: ['web'],
    responses: {
      303: { description: 'Rejected (or signed out: to the sign-in page)', headers: ['Location'] },
      403: htmlPage('Not an officer, sent from another site, or without the CSRF token of the session'),
      404: htmlPage('No such submission'),
      409: htmlPage('The submission is no longer `received`'),
      413: htmlPage('The form is too large'),
      422: htmlPage('The submission page again, saying what is wrong with the reason, with it as typed'),
    },
  },
  // The console's registries (officers): tokens, agendas, numbering series, subscriptions. Their
  // forms post here; every post answers 303 but the token's creation, whose page shows the secret.
  {
    method: 'GET',
    path: '/{lang}/console/tokens',
    operation: 'webConsoleTokens',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    fn: 'web',
    auth: 'none',
    summary: 'The API tokens, newest first, and the form that creates a mission or subscriber token',
    tags: ['web'],
    responses: {
      200: htmlPage('The tokens and the form'),
      303: signedOutRedirect,
      403: htmlPage('Not an officer'),
      404: htmlPage('No such language'),
    },
  },
  {
    method: 'POST',
    path: '/{lang}/console/tokens',
    operation: 'webConsoleTokenCreate',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    fn: 'web',
    auth: 'none',
    summary: 'Creates a token (form fields `role`, `state`, `key`, `csrf`) and shows it once',
    description:
      'Answers a page rather than a redirect, so that the token never travels in a URL. The same form posted again (same `key`) creates nothing and says so.',
    tags: ['web'],
    responses: {
      200: htmlPage('The new token, shown this once; or, posted again, that it was already created'),
      303: signedOutRedirect,
      400: htmlPage('The form key is missing or not valid'),
      403: htmlPage('Not an officer, sent from another site, or without the CSRF token of the session'),
      413: htmlPage('The form is too large'),
      422: htmlPage('The form, with each problem next to its field'),
    },
  },
  {
    method: 'POST',
    path: '/{lang}/console/tokens/{id}/revoke',
    operation: 'webConsoleTokenRevoke',
    who: 'anyone',
    params: { schema: z.object({ lang: language, id: tokenIdParam }) },
    fn: 'web',
    auth: 'none',
    summary: "Revokes a token (form field `csrf`); its sessions end at once. Not the officer's own",
    tags: ['web'],
    responses: {
      303: { description: 'To the tokens (or, signed out, to the sign-in page)', headers: ['Location'] },
      403: htmlPage('Not an officer, sent from another site, without the CSRF token, or their own token'),
      404: htmlPage('No such token'),
      413: htmlPage('The form is too large'),
    },
  },
  {
    method: 'GET',
    path: '/{lang}/console/agendas',
    operation: 'webConsoleAgendas',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    query: z.object({ session: z.string().max(10, { error: 'is too long' }).optional() }),
    fn: 'web',
    auth: 'none',
    summary: "A GA session's agenda items with their six titles, and the form that loads an agenda",
    tags: ['web'],
    responses: {
      200: htmlPage('The agenda (or that none is loaded) and the form'),
      303: signedOutRedirect,
      400: htmlPage('A session that is not a session number'),
      403: htmlPage('Not an officer'),
      404: htmlPage('No such language'),
    },
  },
  {
    method: 'POST',
    path: '/{lang}/console/agendas',
    operation: 'webConsoleAgendaLoad',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    fn: 'web',
    auth: 'none',
    summary: "Loads a session's agenda (multipart: `session`, a JSON `file` or `text`, `csrf`)",
    tags: ['web'],
    responses: {
      303: { description: "To the session's agenda", headers: ['Location'] },
      403: htmlPage('Not an officer, sent from another site, or without the CSRF token of the session'),
      413: htmlPage('The form is too large'),
      422: htmlPage('The form, with what was typed and each problem next to its field'),
    },
  },
  {
    method: 'GET',
    path: '/{lang}/console/series',
    operation: 'webConsoleSeries',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    fn: 'web',
    auth: 'none',
    summary: 'Where each numbering series continues, with a form per series to move it forward',
    tags: ['web'],
    responses: {
      200: htmlPage('The series'),
      303: signedOutRedirect,
      403: htmlPage('Not an officer'),
      404: htmlPage('No such language'),
    },
  },
  {
    method: 'GET',
    path: '/{lang}/console/series/move',
    operation: 'webConsoleSeriesConfirm',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    query: z.object({
      series: z.string().max(20, { error: 'is too long' }).optional(),
      next: z.string().max(20, { error: 'is too long' }).optional(),
    }),
    fn: 'web',
    auth: 'none',
    summary: 'Asks to confirm moving a series forward: from which number to which',
    tags: ['web'],
    responses: {
      200: htmlPage('The confirmation'),
      303: signedOutRedirect,
      403: htmlPage('Not an officer'),
      409: htmlPage('That would move the series backwards'),
      422: htmlPage('The series page, with each problem next to its field'),
    },
  },
  {
    method: 'POST',
    path: '/{lang}/console/series',
    operation: 'webConsoleSeriesMove',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    fn: 'web',
    auth: 'none',
    summary: 'Moves a series forward (form fields `series`, `next`, `csrf`), as PUT /v1/series',
    tags: ['web'],
    responses: {
      303: { description: 'To the series', headers: ['Location'] },
      403: htmlPage('Not an officer, sent from another site, or without the CSRF token of the session'),
      409: htmlPage('The series has already handed out that number: it only moves forward'),
      413: htmlPage('The form is too large'),
      422: htmlPage('The series page, with each problem next to its field'),
    },
  },
  {
    method: 'GET',
    path: '/{lang}/console/subscriptions',
    operation: 'webConsoleSubscriptions',
    who: 'anyone',
    params: { schema: z.object({ lang: language }) },
    query: z.object({ cursor: z.string().max(2000, { error: 'is too long' }).optional() }),
    fn: 'web',
    auth: 'none',
    summary: 'Every webhook subscription, newest first, with its filters, endpoint and state',
    tags: ['web'],
    responses: {
      200: htmlPage('A page of subscriptions'),
      303: signedOutRedirect,
      400: htmlPage('A page link that is not valid'),
      403: htmlPage('Not an officer'),
      404: htmlPage('No such language'),
    },
  },
  {
    method: 'GET',
    path: '/{lang}/console/subscriptions/{id}',
    operation: 'webConsoleSubscription',
    who: 'anyone',
    params: { schema: z.object({ lang: language, id: subscriptionIdSchema }) },
    query: z.object({ cursor: z.string().max(2000, { error: 'is too long' }).optional() }),
    fn: 'web',
    auth: 'none',
    summary: 'A subscription and its deliveries, newest first, parked ones with their last error',
    tags: ['web'],
    responses: {
      200: htmlPage('The subscription and a page of its deliveries'),
      303: signedOutRedirect,
      400: htmlPage('A page link that is not valid'),
      403: htmlPage('Not an officer'),
      404: htmlPage('No such subscription'),
    },
  },
  // The officer's document page and its actions: the symbol, then what follows it, as on the API's
  // document routes. API Gateway ranks the literal `console` above the persistent URL below.
  {
    method: 'GET',
    path: '/{lang}/console/documents/{proxy+}',
    who: 'anyone',
    params: consoleDocumentPath,
    actions: [
      { path: '', operation: 'webConsoleDocument', who: 'anyone' },
      { path: 'versions/{docLang}', operation: 'webConsoleVersion', who: 'anyone', params: docLangPath },
      { path: 'preview/{docLang}', operation: 'webConsolePreview', who: 'anyone', params: docLangPath },
      { path: 'progress', operation: 'webConsoleProgress', who: 'anyone' },
    ],
    fn: 'web',
    auth: 'none',
    summary:
      'The officer console: a document (`{symbol}`), a version form (`{symbol}/versions/{lang}`), a ' +
      'preview PDF (`{symbol}/preview/{lang}`), the distribution progress (`{symbol}/progress`)',
    tags: ['web'],
    responses: {
      200: {
        description: 'The page, or the preview PDF',
        contentType: HTML,
        alsoContentTypes: ['application/pdf'],
      },
      303: { description: 'Signed out: to the sign-in page, and back afterwards', headers: ['Location'] },
      403: htmlPage('Not an officer'),
      404: htmlPage('No such language, document, version or page'),
    },
  },
  {
    method: 'POST',
    path: '/{lang}/console/documents/{proxy+}',
    who: 'anyone',
    params: consoleDocumentPath,
    actions: [
      {
        path: 'versions/{docLang}',
        operation: 'webConsoleVersionPost',
        who: 'anyone',
        params: docLangPath,
      },
      { path: 'distribute', operation: 'webConsoleDistribute', who: 'anyone' },
      { path: 'followups', operation: 'webConsoleFollowup', who: 'anyone' },
    ],
    fn: 'web',
    auth: 'none',
    summary:
      "The officer console's forms: save a version, distribute (asking first when languages are " +
      'missing), make a follow-up (once per form, by its hidden key)',
    tags: ['web'],
    responses: {
      200: htmlPage('Languages are missing: the page asking to distribute only the others'),
      303: {
        description: 'Done: to the document, its progress page, or the new follow-up',
        headers: ['Location'],
      },
      403: htmlPage('Not an officer, sent from another site, or without the CSRF token'),
      404: htmlPage('No such language, document or action'),
      409: htmlPage('The document is distributed already, or the form no longer fits its state'),
      413: htmlPage('The form is too large'),
      422: htmlPage('The form, with each problem next to its field'),
      503: htmlPage('Another version is being written; try again'),
    },
  },
  // The persistent URL printed in QR codes: 302 to the PDF of that language version
  {
    method: 'GET',
    path: '/{lang}/{proxy+}',
    operation: 'persistentUrl',
    who: 'anyone',
    params: { schema: documentPath.schema.extend({ lang: language }) },
    fn: 'api',
    auth: 'none',
    summary: 'The persistent URL printed in QR codes: redirects to the PDF of that language version',
    tags: ['documents'],
    responses: {
      302: { description: 'To a short-lived URL of the PDF', headers: ['Location'] },
      404: problem('No such PDF'),
    },
  },
] as const satisfies readonly RouteSpec[];

/** `METHOD path`, the key a route is known by (API Gateway's route key). */
export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>) => `${route.method} ${route.path}`;
