/**
 * `GET /v1/openapi.json`: the API described as OpenAPI 3.1, built from the route contract in
 * functions/resources.ts and from the same zod schemas that validate requests, so it cannot drift.
 * Routes without a description here are still listed, with their security and generic answers.
 */
import { z } from 'zod';
import { agendaSchema } from '../domain/agenda.ts';
import { distributeRequestSchema } from '../domain/distribution.ts';
import { followupRequestSchema, registerRequestSchema } from '../domain/registration.ts';
import { searchQuerySchema } from '../domain/search.ts';
import { seriesUpdateSchema } from '../domain/series.ts';
import { submissionSchema } from '../domain/submission.ts';
import { SUBMISSION_STATUSES } from '../domain/submission-record.ts';
import { rejectRequestSchema, uploadRequestSchema } from '../domain/submissions-service.ts';
import { ROUTES, type RouteDef } from '../resources.ts';
import { versionBodySchema } from './distribution.ts';
import type { HttpRoute } from './http-api.ts';
import { pagingSchema } from './request-validation.ts';
import { createSubscriptionSchema } from './subscriptions.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A zod schema as an OpenAPI 3.1 (JSON Schema 2020-12) component, as clients must send it. */
export function requestSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

const problemContent = { 'application/problem+json': { schema: ref('Problem') } };
const problem = (description: string) => ({ description, content: problemContent });
const jsonBody = (schema: unknown, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
/** `limit` and `cursor`, the paging parameters of every list, from the schema that parses them. */
const PAGING = queryParameters(pagingSchema);

/** A page of a list: its items and the cursor of the next page (`null` on the last). */
const pageOf = (item: unknown) =>
  jsonBody({
    type: 'object',
    properties: { items: { type: 'array', items: item }, nextCursor: { type: ['string', 'null'] } },
    required: ['items', 'nextCursor'],
  });

interface Operation {
  summary: string;
  description?: string;
  tags: string[];
  requestBody?: string;
  parameters?: unknown[];
  responses: Record<string, unknown>;
  /** Whether anonymous callers get an answer too (public documents, for instance). */
  publicToo?: boolean;
}

const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

/** A query schema's fields as OpenAPI query parameters. */
function queryParameters(schema: z.ZodType): unknown[] {
  const { properties = {} } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>;
  };
  return Object.entries(properties).map(([name, schema]) => ({ name, in: 'query', schema }));
}
const searchParameters = () => queryParameters(searchQuerySchema);
const submissionView = jsonBody(ref('SubmissionView'));

/** What is known of each route beyond the contract, keyed by `METHOD path`. */
const OPERATIONS: Record<string, Operation> = {
  'GET /v1/health': {
    summary: 'Whether the table and the bucket can be reached',
    tags: ['service'],
    responses: { '200': jsonBody({ type: 'object' }), '503': problem('A dependency cannot be reached') },
  },
  'GET /v1/openapi.json': {
    summary: 'This document',
    tags: ['service'],
    responses: { '200': jsonBody({ type: 'object' }) },
  },
  'POST /v1/submissions': {
    summary: 'Submit a letter or note verbale (mission)',
    description:
      'The State in `from.state` must be the State of the mission token (403 naming `/from/state` otherwise). ' +
      'With an `Idempotency-Key`, a repeat with the same body answers as the first request did; with another body, 422.',
    tags: ['submissions'],
    requestBody: 'SubmissionInput',
    parameters: [
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      },
    ],
    responses: {
      '201': {
        ...submissionView,
        description: 'Stored, status `received`',
        headers: { Location: { schema: { type: 'string' } } },
      },
      '409': problem('A request with this Idempotency-Key is still being processed'),
      '413': problem('The body is over 1 MB'),
      '415': problem('The body is not JSON'),
      '422': problem('A field is not valid (see invalid-params)'),
    },
  },
  'GET /v1/submissions': {
    summary: "List submissions: a mission's own, or all for officers; newest first",
    tags: ['submissions'],
    parameters: [
      { name: 'status', in: 'query', schema: { type: 'string', enum: [...SUBMISSION_STATUSES] } },
      ...PAGING,
    ],
    responses: {
      '200': pageOf(ref('SubmissionSummary')),
      '400': problem('A query parameter is not valid'),
    },
  },
  'GET /v1/submissions/{id}': {
    summary: 'A submission with its timeline and attachments (uploaded PDFs are checked on the way)',
    tags: ['submissions'],
    parameters: [idParam],
    responses: { '200': submissionView, '404': problem('No such submission (or not yours)') },
  },
  'POST /v1/submissions/{id}/attachments': {
    summary: 'A presigned PUT URL for the PDF of an annex declared with `attachment` (mission)',
    tags: ['submissions'],
    parameters: [idParam],
    requestBody: 'UploadRequest',
    responses: {
      '201': jsonBody(ref('UploadTicket'), 'PUT the PDF to uploadUrl with exactly these headers'),
      '404': problem('No such submission (or not yours)'),
      '409': problem('The submission is no longer `received`'),
      '422': problem('A field is not valid (see invalid-params)'),
    },
  },
  'POST /v1/submissions/{id}/reject': {
    summary: 'Reject a received submission, with a reason (officer)',
    tags: ['submissions'],
    parameters: [idParam],
    requestBody: 'RejectRequest',
    responses: {
      '200': submissionView,
      '404': problem('No such submission'),
      '409': problem('The submission is not `received`'),
      '422': problem('The reason is missing'),
    },
  },
  'POST /v1/submissions/{id}/register': {
    summary: 'Register a received submission: symbols and job number (officer)',
    tags: ['numbering'],
    parameters: [idParam],
    requestBody: 'RegisterRequest',
    responses: {
      '201': jsonBody({ type: 'object' }, 'The new document (a document file with its id and symbols)'),
      '200': jsonBody({ type: 'object' }, 'Already registered: the same document'),
      '409': problem('The submission was rejected'),
      '422': problem('An agenda item is not on the loaded agenda, or a PDF annex is not verified'),
    },
  },
  'GET /v1/documents': {
    summary: 'Search distributed documents, newest first',
    tags: ['documents'],
    parameters: searchParameters(),
    responses: { '200': jsonBody({ type: 'object' }), '400': problem('A search parameter is not valid') },
  },
  'GET /v1/documents/{proxy+}': {
    summary:
      'A document by any of its symbols: the whole document for officers, public metadata once distributed',
    tags: ['documents'],
    publicToo: true,
    responses: {
      '200': jsonBody({ type: 'object' }),
      '404': problem('No such document (or not distributed)'),
    },
  },
  'POST /v1/documents/{proxy+}': {
    summary: 'Act on a document: `{symbol}/followups` or `{symbol}/distribute` (officer)',
    tags: ['documents'],
    requestBody: 'DocumentAction',
    responses: {
      '201': jsonBody({ type: 'object' }, 'The follow-up document'),
      '202': jsonBody({ type: 'object' }, 'Distribution under way: languages stored and pending'),
      '404': problem('No such document or action'),
      '409': problem('A version is missing, or the document is not in a state for this'),
      '422': problem('A field is not valid'),
    },
  },
  'PUT /v1/documents/{proxy+}': {
    summary: 'Supply one language version: `{symbol}/versions/{lang}` (officer)',
    tags: ['documents'],
    requestBody: 'VersionInput',
    responses: {
      '201': jsonBody({ type: 'object' }, 'Stored'),
      '200': jsonBody({ type: 'object' }, 'Replaced'),
      '409': problem('The document is already distributed'),
      '422': problem('A field is not valid'),
    },
  },
  'GET /{lang}/{proxy+}': {
    summary: 'The persistent URL printed in QR codes: redirects to the PDF of that language version',
    tags: ['documents'],
    responses: { '302': { description: 'To a short-lived URL of the PDF' }, '404': problem('No such PDF') },
  },
  'GET /v1/feeds/documents.atom': {
    summary: 'Atom 1.0 feed of distributed documents (same filters as the search)',
    tags: ['documents'],
    parameters: searchParameters(),
    responses: { '200': { description: 'An Atom feed', content: { 'application/atom+xml': {} } } },
  },
  'GET /v1/subscriptions': {
    summary: "List the caller's subscriptions (a mission's: its State's), newest first, never the secret",
    tags: ['subscriptions'],
    parameters: PAGING,
    responses: {
      '200': pageOf({ type: 'object' }),
      '400': problem('The limit or the cursor is not valid'),
    },
  },
  'POST /v1/subscriptions': {
    summary: 'Subscribe a webhook endpoint; it is verified first, and the signing secret is shown once',
    tags: ['subscriptions'],
    requestBody: 'SubscriptionInput',
    responses: {
      '201': jsonBody({ type: 'object' }, 'Verified and active; includes `secret` (whsec_…)'),
      '422': problem('A field is not valid, the URL is not allowed, or the endpoint failed verification'),
    },
  },
  'PUT /v1/series': {
    summary: 'Set the next number of a numbering series (officer)',
    tags: ['numbering'],
    requestBody: 'SeriesUpdate',
    responses: { '200': jsonBody({ type: 'object' }), '422': problem('A field is not valid') },
  },
  'PUT /v1/agendas/{organ}/{session}': {
    summary: 'Store the agenda of a session (officer)',
    tags: ['agendas'],
    requestBody: 'Agenda',
    responses: { '200': jsonBody({ type: 'object' }), '422': problem('A field is not valid') },
  },
};

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    'invalid-params': {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'JSON pointer into the body, or a header/query name' },
          reason: { type: 'string' },
        },
        required: ['name', 'reason'],
      },
    },
  },
  required: ['type', 'title', 'status', 'detail'],
};

const ACTOR = {
  type: 'object',
  properties: { role: { type: 'string' }, tokenId: { type: 'string' } },
  required: ['role', 'tokenId'],
};

const SUBMISSION_SUMMARY = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: [...SUBMISSION_STATUSES] },
    state: { type: 'string' },
    kind: { type: 'string' },
    title: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    documentSymbols: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'status', 'state', 'kind', 'title', 'createdAt', 'updatedAt'],
};

const SUBMISSION_VIEW = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: [...SUBMISSION_STATUSES] },
    state: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    documentSymbols: { type: 'array', items: { type: 'string' } },
    documentId: { type: 'string' },
    submission: {
      type: 'object',
      description: 'The submission as parsed; PDF annexes refer to an attachment, never inline bytes',
    },
    timeline: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          step: { type: 'string', enum: [...SUBMISSION_STATUSES] },
          at: { type: 'string', format: 'date-time' },
          actor: ACTOR,
          reason: { type: 'string' },
          symbols: { type: 'array', items: { type: 'string' } },
        },
        required: ['step', 'at', 'actor'],
      },
    },
    attachments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          annex: { type: 'integer' },
          source: { type: 'string', enum: ['inline', 'upload'] },
          status: { type: 'string', enum: ['pending', 'verified', 'invalid'] },
          pages: { type: 'integer' },
          bytes: { type: 'integer' },
          sha256: { type: 'string' },
          error: { type: 'string' },
        },
        required: ['id', 'annex', 'source', 'status'],
      },
    },
  },
  required: ['id', 'status', 'state', 'createdAt', 'updatedAt', 'submission', 'timeline', 'attachments'],
};

const UPLOAD_TICKET = {
  type: 'object',
  properties: {
    attachmentId: { type: 'string' },
    annex: { type: 'integer' },
    uploadUrl: { type: 'string', format: 'uri' },
    method: { const: 'PUT' },
    expiresAt: { type: 'string', format: 'date-time' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['attachmentId', 'uploadUrl', 'expiresAt', 'headers'],
};

/** `{proxy+}` is API Gateway's greedy parameter; OpenAPI names it plainly and documents the slashes. */
const openApiPath = (path: string) => path.replace('{proxy+}', '{proxy}');

function operationFor(route: RouteDef, requestSchemas: Record<string, unknown>) {
  const known = OPERATIONS[`${route.method} ${route.path}`];
  const pathParams = [...route.path.matchAll(/\{([^}+]+)\+?\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
    ...(name === 'proxy'
      ? { description: 'The rest of the path: a document symbol (with its slashes) and an action' }
      : {}),
  }));
  const security =
    route.auth === 'none' ? [] : known?.publicToo ? [{}, { bearerAuth: [] }] : [{ bearerAuth: [] }];
  const authResponses =
    route.auth === 'token'
      ? {
          '401': problem('No, invalid or revoked bearer token'),
          '403': problem('The token’s role may not do this'),
        }
      : {};
  const bodyName = known?.requestBody;
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[{}+]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: known?.summary ?? `${route.method} ${route.path}`,
    ...(known?.description ? { description: known.description } : {}),
    tags: known?.tags ?? [route.path.split('/')[2] ?? 'other'],
    security,
    parameters: [
      ...(known?.parameters ?? []).filter((p) => (p as { in: string }).in !== 'path'),
      ...pathParams,
    ],
    ...(bodyName && requestSchemas[bodyName]
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(bodyName) } } } }
      : route.method === 'POST' || route.method === 'PUT'
        ? {
            requestBody: { required: false, content: { 'application/json': { schema: { type: 'object' } } } },
          }
        : {}),
    responses: {
      ...(known?.responses ?? { '200': { description: 'OK' } }),
      ...authResponses,
      default: problem('Any other error, as problem+json'),
    },
  };
}

export function openApiDocument() {
  const requestSchemas: Record<string, unknown> = {
    SubmissionInput: requestSchema(submissionSchema),
    UploadRequest: requestSchema(uploadRequestSchema),
    RejectRequest: requestSchema(rejectRequestSchema),
    SeriesUpdate: requestSchema(seriesUpdateSchema),
    Agenda: requestSchema(agendaSchema),
    RegisterRequest: requestSchema(registerRequestSchema),
    DocumentAction: {
      oneOf: [requestSchema(followupRequestSchema), requestSchema(distributeRequestSchema)],
      description: 'A follow-up request for `…/followups`, or a distribution request for `…/distribute`',
    },
    VersionInput: requestSchema(versionBodySchema),
    SubscriptionInput: requestSchema(createSubscriptionSchema),
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const path = openApiPath(route.path);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operationFor(route, requestSchemas);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Distr',
      version: '1',
      description:
        'Issues multilingual UN-style parliamentary documents. Errors are RFC 9457 problem+json naming the field.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token `distr_<id>_<secret>`' },
      },
      schemas: {
        ...requestSchemas,
        Problem: PROBLEM_SCHEMA,
        SubmissionView: SUBMISSION_VIEW,
        SubmissionSummary: SUBMISSION_SUMMARY,
        UploadTicket: UPLOAD_TICKET,
      },
    },
  };
}

export function openApiRoutes(): HttpRoute[] {
  let document: string | undefined;
  return [
    {
      method: 'GET',
      path: '/v1/openapi.json',
      handler: async () => {
        document ??= JSON.stringify(openApiDocument());
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: document };
      },
    },
  ];
}
