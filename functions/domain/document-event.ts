/**
 * The `document.distributed` event: published once per distribution of a document to the documents
 * topic, read by the notify worker (webhooks) and by any SNS subscriber (email, SQS), and sent as the
 * body of every webhook delivery. Its fields are a contract for subscribers; add, never rename.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AGENDA_ITEM_RE } from './agenda.ts';
import type { DocumentFile } from './document.ts';
import { documentUrl, persistentUrl } from './document-urls.ts';
import { LANGUAGES, type Lang } from './languages.ts';

export const DOCUMENT_DISTRIBUTED = 'document.distributed';

export const ORGANS = ['GA', 'SC', 'ECOSOC'] as const;
export type Organ = (typeof ORGANS)[number];

const lang = z.enum(LANGUAGES);

// Loose objects: fields added later pass through consumers that do not know them yet.
export const documentDistributedEventSchema = z.looseObject({
  type: z.literal(DOCUMENT_DISTRIBUTED),
  /** Deterministic: the same distribution always yields the same id, so consumers can dedupe on it. */
  id: z.string().regex(/^evt_[0-9a-f]{32}$/),
  occurredAt: z.iso.datetime(),
  document: z.looseObject({
    /** GA symbol first for joint documents: `["A/79/923", "S/2025/341"]`. */
    symbols: z.array(z.string().min(1)).min(1),
    organs: z.array(z.enum(ORGANS)).min(1),
    /** GA session, when the document is circulated to the General Assembly. */
    session: z.number().int().positive().optional(),
    /** The year in an SC or ECOSOC symbol; for a GA-only document, the year it was issued. */
    year: z.number().int().positive().optional(),
    agendaItems: z.array(z.string().regex(AGENDA_ITEM_RE)),
    /** Language versions distributed. */
    languages: z.array(lang).min(1),
    title: z.partialRecord(lang, z.string()).optional(),
    jobNumber: z.string().min(1),
    /** Date of issue (ISO date). */
    issued: z.iso.date(),
    links: z.object({
      metadata: z.url(),
      pdf: z.partialRecord(lang, z.url()),
    }),
  }),
});

export type DocumentDistributedEvent = z.infer<typeof documentDistributedEventSchema>;
export type DistributedDocument = DocumentDistributedEvent['document'];

/**
 * The event id of one distribution of one document: a hash, so that publishing the same
 * distribution twice (a retried Lambda) yields the same id and subscribers receive it once.
 */
export function documentEventId(documentId: string, distribution: number | string): string {
  const digest = createHash('sha256').update(`${DOCUMENT_DISTRIBUTED}\n${documentId}\n${distribution}`);
  return `evt_${digest.digest('hex').slice(0, 32)}`;
}

/** The public links of a distributed document: its metadata and the persistent URL per language. */
export function documentLinks(
  publicUrl: string,
  symbol: string,
  languages: readonly Lang[],
): DistributedDocument['links'] {
  return {
    metadata: documentUrl(publicUrl, symbol),
    pdf: Object.fromEntries(languages.map((l) => [l, persistentUrl(publicUrl, symbol, l)])),
  };
}

export interface DistributionInput {
  /** The document as registered (symbols, circulation, job number, versions). */
  document: Pick<DocumentFile, 'symbols' | 'jobNumber' | 'issued' | 'circulation' | 'versions'>;
  /** Identifies the document for the event id (e.g. its joint symbol or stored id). */
  documentId: string;
  /** Which distribution of this document this is (1 for the first, then reissues and new languages). */
  distribution: number | string;
  /** The language versions distributed now; defaults to every version of the document. */
  languages?: readonly Lang[];
  publicUrl: string;
  occurredAt: Date;
}

/** Builds the event for one distribution from the document file. */
export function documentDistributedEvent(input: DistributionInput): DocumentDistributedEvent {
  const { document } = input;
  const languages = LANGUAGES.filter((l) =>
    input.languages ? input.languages.includes(l) : document.versions[l] !== undefined,
  );
  let session: number | undefined;
  let year: number | undefined;
  const agendaItems: string[] = [];
  for (const c of document.circulation) {
    if (c.organ === 'GA') {
      session = c.session;
      for (const a of c.agendaItems) if (!agendaItems.includes(a.item)) agendaItems.push(a.item);
    } else {
      year ??= c.year;
    }
  }
  year ??= Number(document.issued.slice(0, 4));
  const title = Object.fromEntries(
    languages.flatMap((l) => {
      const t = document.versions[l]?.title;
      return t ? [[l, t]] : [];
    }),
  );
  return {
    type: DOCUMENT_DISTRIBUTED,
    id: documentEventId(input.documentId, input.distribution),
    occurredAt: input.occurredAt.toISOString(),
    document: {
      symbols: [...document.symbols],
      organs: [...new Set(document.circulation.map((c) => c.organ))],
      ...(session !== undefined ? { session } : {}),
      year,
      agendaItems,
      languages,
      ...(Object.keys(title).length ? { title } : {}),
      jobNumber: document.jobNumber,
      issued: document.issued,
      links: documentLinks(input.publicUrl, document.symbols[0] ?? input.documentId, languages),
    },
  };
}

/** An SNS message attribute as the Publish API takes it. */
export interface EventAttribute {
  DataType: 'String' | 'String.Array' | 'Number';
  StringValue: string;
}

/**
 * The event's message attributes, for SNS filter policies (attribute scope): `type`, `organs`,
 * `session`, `year`, `agendaItems`, `languages` and `symbols`. Lists are `String.Array` (a policy
 * value matches if any element does), numbers are `Number`; empty lists are left out, since SNS
 * rejects an attribute without a value. Seven of SNS's ten attributes.
 */
export function eventAttributes(event: DocumentDistributedEvent): Record<string, EventAttribute> {
  const { document } = event;
  const attributes: Record<string, EventAttribute> = {
    type: { DataType: 'String', StringValue: event.type },
  };
  const list = (name: string, values: readonly string[]) => {
    if (values.length > 0)
      attributes[name] = { DataType: 'String.Array', StringValue: JSON.stringify(values) };
  };
  list('organs', document.organs);
  if (document.session !== undefined)
    attributes.session = { DataType: 'Number', StringValue: String(document.session) };
  if (document.year !== undefined)
    attributes.year = { DataType: 'Number', StringValue: String(document.year) };
  list('agendaItems', document.agendaItems);
  list('languages', document.languages);
  list('symbols', document.symbols);
  return attributes;
}

export type EventParse = { ok: true; value: DocumentDistributedEvent } | { ok: false; reason: string };

/** Reads an event from a message body (raw delivery, or the SNS envelope if raw delivery is off). */
export function parseDocumentEvent(body: string): EventParse {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the message body is not JSON' };
  }
  const envelope = data as { Type?: unknown; Message?: unknown };
  if (envelope?.Type === 'Notification' && typeof envelope.Message === 'string') {
    return parseDocumentEvent(envelope.Message);
  }
  const parsed = documentDistributedEventSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `/${issue?.path.join('/') ?? ''}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, value: parsed.data };
}
