/**
 * What the API answers, as zod schemas: the route table (routes.ts) names one per route and status,
 * the OpenAPI document publishes them, and the integration tests check every answer against them.
 * Objects are open (`z.looseObject`): a schema holds what clients may rely on, and a new field is
 * not a breaking change.
 */
import { z } from 'zod';
import { DELIVERY_STATUSES } from '../domain/delivery.ts';
import { LANGUAGES } from '../domain/languages.ts';
import { SUBMISSION_STATUSES } from '../domain/submission-record.ts';

const lang = z.enum(LANGUAGES);
const dateTime = z.string().min(1);

/** RFC 9457 problem details, the body of every error. */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  'invalid-params': z
    .array(
      z.object({
        name: z.string().describe('JSON pointer into the body, or a header or query parameter name'),
        reason: z.string(),
      }),
    )
    .optional(),
});

/** A page of a list: its items and the cursor of the next page (`null` on the last). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

const actor = z.looseObject({ role: z.string(), tokenId: z.string() });
const status = z.enum(SUBMISSION_STATUSES);

export const healthSchema = z.object({
  status: z.literal('ok'),
  checks: z.record(z.string(), z.string()),
});

export const openApiSchema = z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) });

export const submissionSummarySchema = z.looseObject({
  id: z.string(),
  status,
  state: z.string(),
  kind: z.string(),
  title: z.string(),
  createdAt: dateTime,
  updatedAt: dateTime,
  documentSymbols: z.array(z.string()).optional(),
});

export const submissionViewSchema = z.looseObject({
  id: z.string(),
  status,
  state: z.string(),
  createdAt: dateTime,
  updatedAt: dateTime,
  documentSymbols: z.array(z.string()).optional(),
  documentId: z.string().optional(),
  submission: z.looseObject({}).describe('The submission as parsed; PDF annexes refer to an attachment'),
  timeline: z.array(
    z.looseObject({
      step: status,
      at: dateTime,
      actor,
      reason: z.string().optional(),
      symbols: z.array(z.string()).optional(),
    }),
  ),
  attachments: z.array(
    z.looseObject({
      id: z.string(),
      annex: z.number().int(),
      source: z.enum(['inline', 'upload']),
      status: z.enum(['pending', 'verified', 'invalid']),
      pages: z.number().int().optional(),
      bytes: z.number().int().optional(),
      sha256: z.string().optional(),
      error: z.string().optional(),
    }),
  ),
});

export const uploadTicketSchema = z.looseObject({
  attachmentId: z.string(),
  annex: z.number().int().optional(),
  uploadUrl: z.url(),
  method: z.literal('PUT').optional(),
  expiresAt: dateTime,
  headers: z.record(z.string(), z.string()),
});

export const seriesListSchema = z.object({
  series: z.array(z.looseObject({ series: z.string(), next: z.number().int() })),
});
export const seriesStateSchema = z.looseObject({ series: z.string(), next: z.number().int() });

export const agendaSchemaOut = z.looseObject({
  session: z.number().int().optional(),
  items: z.array(z.looseObject({ item: z.string() })),
});

/** A registered document: the document file with its id, symbols and status. */
export const documentSchema = z.looseObject({
  id: z.string(),
  symbol: z.string(),
  symbols: z.array(z.string()),
  status: z.enum(['registered', 'distributed']),
  jobNumber: z.string(),
  registeredAt: dateTime,
});

/** Where a distribution stands. */
export const distributionStateSchema = z.looseObject({
  symbol: z.string(),
  status: z.enum(['registered', 'distributed']),
  requested: z.boolean(),
  languages: z.array(lang),
  partial: z.boolean(),
  stored: z.array(lang),
  pending: z.array(lang),
  /** Each pending language: since when, whether a worker has it, whether it looks stalled. */
  pendingLanguages: z.array(
    z.looseObject({
      language: lang,
      since: dateTime,
      status: z.enum(['queued', 'rendering']),
      attempts: z.number().int(),
      lastActivityAt: dateTime,
      stalled: z.boolean(),
    }),
  ),
  stalled: z.boolean(),
  distributedAt: dateTime.optional(),
});

/** The officer's view of a document, or the public metadata of a distributed one. */
export const documentViewSchema = z.union([
  documentSchema.extend({
    versionsIn: z.array(lang),
    versionsMissing: z.array(lang),
    distributionProgress: distributionStateSchema,
  }),
  z.looseObject({
    symbol: z.string(),
    symbols: z.array(z.string()),
    jobNumber: z.string(),
    distributedAt: dateTime,
    title: z.record(z.string(), z.string()),
    languages: z.array(
      z.looseObject({
        lang,
        bytes: z.number().int(),
        pages: z.number().int(),
        // The standards the PDF conforms to, as its XMP claims them.
        conformance: z.array(z.enum(['PDF/A-2u', 'PDF/UA-1'])),
      }),
    ),
  }),
]);

export const versionStoredSchema = z.looseObject({
  symbol: z.string(),
  lang,
  version: z.looseObject({}),
  versionsIn: z.array(lang),
  versionsMissing: z.array(lang),
});

export const searchPageSchema = z.looseObject({
  items: z.array(z.looseObject({ symbol: z.string(), symbols: z.array(z.string()) })),
  cursor: z.string().optional(),
  next: z.string().optional(),
});

export const subscriptionSchema = z.looseObject({
  id: z.string(),
  url: z.string(),
  filters: z.looseObject({}),
  status: z.string(),
  createdAt: dateTime,
});
export const createdSubscriptionSchema = subscriptionSchema.extend({
  secret: z.string().startsWith('whsec_'),
});

export const deliverySchema = z.looseObject({
  subscriptionId: z.string(),
  eventId: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  createdAt: dateTime,
  updatedAt: dateTime,
});
