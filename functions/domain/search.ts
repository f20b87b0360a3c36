/**
 * Public search over distributed documents: which index entries a document gets, how a query's
 * filters pick the entries to read, and the opaque cursor. No AWS here (adapters/search-index.ts).
 *
 * Index design (one Query, never a Scan). At distribution, one search entry per (document × facet)
 * is written, each a full copy of the public metadata:
 *
 *   gsi3pk = SEARCH#{facet}     gsi3sk = {distributedAt}#{documentId}   (ISO timestamp, UTC)
 *
 *   facets  ALL                                  every document
 *           YEAR#2025                            year of issue
 *           ORGAN#GA | ORGAN#SC | ORGAN#ECOSOC   each organ it is circulated to
 *           ORGAN#SC#YEAR#2025                   organ and year (the SC/ECOSOC series year; GA: year of issue)
 *           ORGAN#GA#SESSION#79                  GA session
 *           ORGAN#GA#SESSION#79#ITEM#51          GA agenda item; a sub-item `17 (c)` also under `17`
 *           SYMBOL#A/79/923                      each of its symbols (exact match, any symbol of a joint document)
 *
 * A query reads the single most selective facet its filters name, newest first, with the date
 * range as `BETWEEN` on the sort key, and checks the remaining filters on each entry (they only
 * narrow an already small partition). Pages are filled across reads, and the cursor is the key of
 * the last entry returned, so a page never skips or repeats an entry.
 *
 * Dates: `from`/`to` bound the distribution date (when the document became public, which is what
 * "newest" means here and what ODS calls the publication date); `year` is the year of issue.
 */
import { z } from 'zod';
import type { FieldProblem } from './field-problems.ts';
import type { DocumentMetadata } from './public-document.ts';
import { parseJointSymbol } from './symbols.ts';

export const ORGANS = ['GA', 'SC', 'ECOSOC'] as const;
export type Organ = (typeof ORGANS)[number];

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** `17 (c)`, `17(c)`, `17c` → `17 (c)`; `51` → `51`. */
export function normalizeAgendaItem(input: string): string | undefined {
  const match = /^\s*(\d{1,3})\s*(?:\(?\s*([a-z])\s*\)?)?\s*$/i.exec(input);
  if (!match) return undefined;
  return match[2] ? `${Number(match[1])} (${match[2].toLowerCase()})` : String(Number(match[1]));
}

/** Every facet a distributed document is found under. */
export function searchFacets(metadata: DocumentMetadata): string[] {
  const facets = new Set<string>(['ALL', `YEAR#${metadata.dates.issued.slice(0, 4)}`]);
  const issuedYear = Number(metadata.dates.issued.slice(0, 4));
  for (const organ of metadata.organs) {
    facets.add(`ORGAN#${organ.organ}`);
    facets.add(`ORGAN#${organ.organ}#YEAR#${organ.year ?? issuedYear}`);
    if (organ.organ === 'GA' && organ.session !== undefined) {
      const session = `ORGAN#GA#SESSION#${organ.session}`;
      facets.add(session);
      for (const { item } of organ.agendaItems ?? []) {
        facets.add(`${session}#ITEM#${item}`);
        const main = item.replace(/ \([a-z]\)$/, '');
        if (main !== item) facets.add(`${session}#ITEM#${main}`);
      }
    }
  }
  for (const symbol of metadata.symbols) facets.add(`SYMBOL#${symbol}`);
  return [...facets];
}

export const searchSortKey = (distributedAt: string, documentId: string) => `${distributedAt}#${documentId}`;

export interface SearchQuery {
  organ?: Organ;
  session?: number;
  agendaItem?: string;
  year?: number;
  /** One symbol (canonical), any of a joint document's. */
  symbol?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

const isoDate = z.iso.date({ error: 'must be a date like 2025-06-03' });
const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .max(String(max).length, { error: `must be a ${what} from ${min} to ${max}` })
    .regex(/^\d+$/, { error: `must be a ${what}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    );

export const searchQuerySchema = z.strictObject({
  organ: z.enum(ORGANS, { error: `must be one of ${ORGANS.join(', ')}` }).optional(),
  session: wholeNumber(1, 150, 'session number').optional(),
  // Longer than any item or symbol can be: the grammars below say what is wrong with shorter ones.
  agendaItem: z.string().max(20, { error: 'must be an agenda item number like 51 or 17 (c)' }).optional(),
  year: wholeNumber(1946, 2100, 'year').optional(),
  symbol: z.string().max(200, { error: 'is not a document symbol (too long)' }).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: wholeNumber(1, MAX_LIMIT, 'number').optional(),
  cursor: z.string().max(2000, { error: 'is not a cursor this API returned' }).optional(),
});

export type ParsedQuery = { ok: true; query: SearchQuery } | { ok: false; problems: FieldProblem[] };

/**
 * The query string of `GET /v1/documents` and the feed, as the router checks it: the filters'
 * shapes, then the combinations a user cannot have meant, each problem naming its parameter.
 */
export const searchRequestSchema = searchQuerySchema.transform((parsed, ctx): SearchQuery => {
  const { agendaItem: rawItem, symbol: rawSymbol, limit, ...rest } = parsed;
  const problem = (field: string, message: string) =>
    ctx.addIssue({ code: 'custom', path: [field], message });
  let agendaItem: string | undefined;
  if (rawItem !== undefined) {
    agendaItem = normalizeAgendaItem(rawItem);
    if (!agendaItem) problem('agendaItem', 'must be an agenda item number like 51 or 17 (c)');
    if (rest.session === undefined) {
      problem('agendaItem', 'agenda items are numbered per session: give session too');
    }
  }
  if (rest.session !== undefined && rest.organ !== undefined && rest.organ !== 'GA') {
    problem('session', `sessions are the General Assembly's; ${rest.organ} documents have a year`);
  }
  let symbol: string | undefined;
  if (rawSymbol !== undefined) {
    const parts = parseJointSymbol(rawSymbol);
    if (!parts.ok) problem('symbol', `is not a document symbol (${parts.error.reason})`);
    else if (parts.value.length > 1) problem('symbol', 'give one symbol of the document');
    else symbol = parts.value[0];
  }
  if (rest.from && rest.to && rest.from > rest.to) problem('to', 'is before from');
  return {
    ...rest,
    ...(rest.session !== undefined ? { organ: 'GA' as const } : {}),
    ...(agendaItem ? { agendaItem } : {}),
    ...(symbol ? { symbol } : {}),
    limit: limit ?? DEFAULT_LIMIT,
  };
});

/** Parses the query string of `GET /v1/documents` and the feed; each bad parameter is named. */
export function parseSearchQuery(params: Record<string, string | undefined>): ParsedQuery {
  const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
  const parsed = searchRequestSchema.safeParse(defined);
  if (parsed.success) return { ok: true, query: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            field: key,
            message: `unknown parameter; filters are ${Object.keys(searchQuerySchema.shape).join(', ')}`,
          }))
        : [{ field: String(issue.path[0] ?? ''), message: issue.message }],
    ),
  };
}

/** The one facet a query reads: the most selective its filters name. */
export function queryFacet(query: SearchQuery): string {
  if (query.symbol) return `SYMBOL#${query.symbol}`;
  if (query.session !== undefined) {
    const session = `ORGAN#GA#SESSION#${query.session}`;
    return query.agendaItem ? `${session}#ITEM#${query.agendaItem}` : session;
  }
  if (query.organ && query.year !== undefined) return `ORGAN#${query.organ}#YEAR#${query.year}`;
  if (query.organ) return `ORGAN#${query.organ}`;
  if (query.year !== undefined) return `YEAR#${query.year}`;
  return 'ALL';
}

/** Sort-key bounds of the date range (`to` includes the whole day). */
export function sortKeyRange(query: SearchQuery): { from?: string; to?: string } {
  return {
    ...(query.from ? { from: query.from } : {}),
    // `~` sorts after every character of an ISO timestamp and a UUID.
    ...(query.to ? { to: `${query.to}~` } : {}),
  };
}

/** Every facet a query's filters require (the one read plus the ones checked). */
export function queryFacets(query: SearchQuery): string[] {
  const facets: string[] = [];
  if (query.organ) facets.push(`ORGAN#${query.organ}`);
  if (query.session !== undefined) facets.push(`ORGAN#GA#SESSION#${query.session}`);
  if (query.session !== undefined && query.agendaItem) {
    facets.push(`ORGAN#GA#SESSION#${query.session}#ITEM#${query.agendaItem}`);
  }
  if (query.year !== undefined) {
    facets.push(query.organ ? `ORGAN#${query.organ}#YEAR#${query.year}` : `YEAR#${query.year}`);
  }
  if (query.symbol) facets.push(`SYMBOL#${query.symbol}`);
  return facets;
}

/** Whether an entry read from the chosen facet meets every filter of the query. */
export function matchesQuery(metadata: DocumentMetadata, query: SearchQuery): boolean {
  const distributed = metadata.distributedAt.slice(0, 10);
  if (query.from && distributed < query.from) return false;
  if (query.to && distributed > query.to) return false;
  const facets = new Set(searchFacets(metadata));
  return queryFacets(query).every((facet) => facets.has(facet));
}

/** Where the next page starts: the facet it belongs to and the last entry's sort key. */
export interface Cursor {
  facet: string;
  after: string;
}

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.facet, cursor.after])).toString('base64url');

/** The cursor, or undefined if it is not one this API returned for this query's facet. */
export function decodeCursor(text: string, facet: string): Cursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value[0] === facet &&
      typeof value[1] === 'string' &&
      value[1].length < 200
    ) {
      return { facet, after: value[1] };
    }
  } catch {
    // not base64url JSON: fall through
  }
  return undefined;
}
