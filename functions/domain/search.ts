/**
 * Public search over distributed documents: which index entries a document gets, how a query's
 * filters pick the entries to read, and the opaque cursor. No AWS here (adapters/search-index.ts).
 *
 * Index design (one Query, never a Scan). At distribution, one search entry per (document × facet)
 * is written, each a full copy of the public metadata and of its title words (title-words.ts), keyed
 * twice, once per order a page can be read in:
 *
 *   gsi3pk = SEARCH#{facet}     gsi3sk = {distributedAt}#{documentId}   newest first (ISO, UTC)
 *   gsi1pk = SEARCH#{facet}     gsi1sk = {symbolKey}#{documentId}       by symbol (`sort=symbol`)
 *
 *   facets  ALL                                  every document
 *           YEAR#2025                            year of issue
 *           ORGAN#GA | ORGAN#SC | ORGAN#ECOSOC   each organ it is circulated to
 *           ORGAN#SC#YEAR#2025                   organ and year (the SC/ECOSOC series year; GA: year of issue)
 *           ORGAN#GA#SESSION#79                  GA session
 *           ORGAN#GA#SESSION#79#ITEM#51          GA agenda item; a sub-item `17 (c)` also under `17`
 *           SYMBOL#A/79/923                      each of its symbols (exact match, any symbol of a joint document)
 *           PREFIX#A/79                          each proper leading run of a symbol's components (`A`, `A/79`)
 *           SUFFIX#Add.1                         each proper trailing run (`Add.1`, `923/Add.1`, `79/923/Add.1`),
 *                                                reissue marks left out
 *           JOB#25-08590                         the job number, reissue marks left out
 *           WORD#secretaire                      each title word of any language, as title-words.ts folds it
 *
 * `symbolKey` orders symbols as people read them: each run of digits padded to six (`A/79/10` after
 * `A/79/9`), and a symbol before its follow-ups (`A/79/923`, `A/79/923*`, `A/79/923/Add.1`). It is
 * the symbol the facet names (SYMBOL, PREFIX, SUFFIX) or else the document's first one.
 *
 * Bounds: a document writes 2 + 2 per organ + (GA) 1 + 2 per agenda item + 1 job + per symbol of c
 * components 2c − 1 + one per distinct title word (at most MAX_WORDS_PER_TITLE per language, so at
 * most 192). The design sample A/79/923-S/2025/341 (two agenda items, six titles) writes 113.
 *
 * A query reads the single most selective facet its filters name (queryFacet: symbol, job, agenda
 * item, the rarest title word, symbol prefix, suffix, session, organ and year, organ, year, all),
 * with the date range as `BETWEEN` on the sort key when newest first, and checks the remaining
 * filters on each entry. Pages are filled across reads, and the cursor is the key of the last entry
 * returned, so a page never skips or repeats an entry. A request examines at most MAX_EXAMINED
 * entries: when the remaining filters reject that many, the page is shorter than `limit` and its
 * cursor resumes after the last entry examined.
 *
 * Dates: `from`/`to` bound the distribution date (when the document became public, which is what
 * "newest" means here and what ODS calls the publication date); `year` is the year of issue.
 */
import { z } from 'zod';
import type { FieldProblem } from './field-problems.ts';
import { LANGUAGES, type Lang } from './languages.ts';
import type { DocumentMetadata } from './public-document.ts';
import { parseJointSymbol } from './symbols.ts';
import { documentWords, hasWords, queryWords, rarestWord } from './title-words.ts';

export const ORGANS = ['GA', 'SC', 'ECOSOC'] as const;
export type Organ = (typeof ORGANS)[number];

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** Entries one request reads at most (about 1.5 MB of metadata), whatever its filters reject. */
export const MAX_EXAMINED = 500;

export const SORTS = ['date', 'symbol'] as const;
export type Sort = (typeof SORTS)[number];

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

/** The symbol's components without its reissue marks: `A/79/923/Add.1*` → `A`, `79`, `923`, `Add.1`. */
const components = (symbol: string): string[] => symbol.replace(/\*+$/, '').split('/');

/** `A/79/923` → `A`, `A/79`: each proper leading run of components. */
export const symbolPrefixes = (symbol: string): string[] => {
  const parts = components(symbol);
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
};

/** `A/79/923/Add.1` → `79/923/Add.1`, `923/Add.1`, `Add.1`: each proper trailing run. */
export const symbolSuffixes = (symbol: string): string[] => {
  const parts = components(symbol);
  return parts.slice(1).map((_, i) => parts.slice(i + 1).join('/'));
};

/** The symbol in reading order: digit runs padded, so `A/79/10` sorts after `A/79/9`. */
export const symbolOrderKey = (symbol: string): string => symbol.replace(/\d+/g, (d) => d.padStart(6, '0'));

/** The job number a search names it by: reissue marks left out (`12-27711**` → `12-27711`). */
export const jobFacetValue = (jobNumber: string): string => jobNumber.replace(/\*+$/, '');

/** One search entry of a document: the facet it is filed under and its key in symbol order. */
export interface SearchEntry {
  facet: string;
  /** symbolOrderKey of the symbol the facet names, or of the document's first symbol. */
  symbolKey: string;
}

/** Every entry a distributed document is written as (searchFacets and the symbol, job and word facets). */
export function searchEntries(metadata: DocumentMetadata): SearchEntry[] {
  const first = symbolOrderKey(metadata.symbols[0] ?? metadata.symbol);
  const entries = new Map<string, string>();
  for (const symbol of metadata.symbols) {
    const key = symbolOrderKey(symbol);
    for (const facet of [
      `SYMBOL#${symbol}`,
      ...symbolPrefixes(symbol).map((p) => `PREFIX#${p}`),
      ...symbolSuffixes(symbol).map((p) => `SUFFIX#${p}`),
    ]) {
      if (!entries.has(facet)) entries.set(facet, key);
    }
  }
  for (const facet of searchFacets(metadata)) if (!entries.has(facet)) entries.set(facet, first);
  entries.set(`JOB#${jobFacetValue(metadata.jobNumber)}`, first);
  for (const words of Object.values(documentWords(metadata.title))) {
    for (const word of words) entries.set(`WORD#${word}`, first);
  }
  return [...entries].map(([facet, symbolKey]) => ({ facet, symbolKey }));
}

/** What `symbol=` asks for: one symbol, or the symbols under a prefix or ending in a suffix. */
export type SymbolFilter =
  | { symbol: string }
  | { symbolPrefix: string }
  | { symbolSuffix: string }
  | { error: string };

/** The one symbol `text` parses as, canonical, or undefined. */
const oneSymbol = (text: string): string | undefined => {
  const parts = parseJointSymbol(text);
  return parts.ok && parts.value.length === 1 ? parts.value[0] : undefined;
};

// Reads `symbol=`: an exact symbol (`A/79/923`, in any case and spacing normalizeSymbol takes), a
// prefix (`A/79/*`: every symbol continuing `A/79/` by one or more components; `A/79/923/*`: its
// follow-ups) or a suffix (`*/Add.1`: every symbol ending in `/Add.1`, reissues included). The
// truncation is a whole-component `*` at one end only (`A/*/923` and `*/Add.1/*` are refused); a `*`
// ending a component is a reissue mark, as in any symbol (`A/79/923*`).
export function parseSymbolFilter(raw: string): SymbolFilter {
  const text = raw.normalize('NFKC').trim();
  const prefix = /^(.*?)\s*\/\s*\*$/.exec(text)?.[1];
  const suffix = /^\*\s*\/\s*(.*)$/.exec(text)?.[1];
  const truncation = 'truncate a symbol by whole components at one end: A/79/* or */Add.1';
  if (prefix !== undefined && suffix !== undefined) return { error: truncation };
  if (prefix !== undefined) {
    if (prefix.includes('*')) return { error: truncation };
    const asSymbol = oneSymbol(prefix);
    const continued = asSymbol ?? oneSymbol(`${prefix}/1`)?.replace(/\/1$/, '');
    return continued ? { symbolPrefix: continued } : { error: `'${prefix}' does not begin a symbol` };
  }
  if (suffix !== undefined) {
    if (suffix.includes('*')) {
      return { error: `${truncation} (a suffix finds reissues too: leave out their *)` };
    }
    for (const head of ['A/', 'A/1/']) {
      const symbol = oneSymbol(`${head}${suffix}`);
      if (symbol?.startsWith(head)) return { symbolSuffix: symbol.slice(head.length) };
    }
    return { error: `'${suffix}' does not end a symbol` };
  }
  if (/\/\s*\*|\*\s*\//.test(text) || text === '*') return { error: truncation };
  const parts = parseJointSymbol(text);
  if (!parts.ok) return { error: `is not a document symbol (${parts.error.reason})` };
  if (parts.value.length > 1) return { error: 'give one symbol of the document' };
  return parts.value[0] ? { symbol: parts.value[0] } : { error: 'is not a document symbol' };
}

/** `25-08590`, `2508590` (as the barcode reads) → `25-08590`; reissue marks are left out. */
export function parseJobQuery(raw: string): string | undefined {
  const match = /^\s*(\d{2})\s*-?\s*(\d{5})\**\s*$/.exec(raw);
  return match && match[2] !== '00000' ? `${match[1]}-${match[2]}` : undefined;
}

export interface SearchQuery {
  organ?: Organ;
  session?: number;
  agendaItem?: string;
  year?: number;
  /** One symbol (canonical), any of a joint document's. */
  symbol?: string;
  /** `A/79` of `symbol=A/79/*`: symbols continuing `A/79/`. */
  symbolPrefix?: string;
  /** `Add.1` of a symbol truncated at its start: symbols ending in `/Add.1`. */
  symbolSuffix?: string;
  /** Job number, `25-08590`. */
  job?: string;
  /** Title words, folded (title-words.ts), all in one title. */
  words?: string[];
  /** The language of the title holding the words; any when absent. */
  lang?: Lang;
  /** `symbol`: in symbol order; newest first when absent. */
  sort?: Sort;
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

/** A bounded text parameter read by its own grammar; what the grammar refuses is the problem. */
const parsedText = <T>(
  max: number,
  tooLong: string,
  parse: (raw: string) => { value: T } | { error: string },
) =>
  z
    .string()
    .max(max, { error: tooLong })
    .transform((raw, ctx) => {
      const parsed = parse(raw);
      if ('value' in parsed) return parsed.value;
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    });

export const searchQuerySchema = z.strictObject({
  organ: z.enum(ORGANS, { error: `must be one of ${ORGANS.join(', ')}` }).optional(),
  session: wholeNumber(1, 150, 'session number').optional(),
  // Longer than any item or symbol can be: the grammars below say what is wrong with shorter ones.
  agendaItem: z.string().max(20, { error: 'must be an agenda item number like 51 or 17 (c)' }).optional(),
  year: wholeNumber(1946, 2100, 'year').optional(),
  symbol: parsedText(200, 'is not a document symbol (too long)', (raw) => {
    const filter = parseSymbolFilter(raw);
    return 'error' in filter ? { error: filter.error } : { value: filter };
  })
    .optional()
    .describe('One symbol (A/79/923), a prefix (A/79/*, symbols continuing A/79/) or a suffix (*/Add.1)'),
  job: parsedText(20, 'is too long for a job number', (raw) => {
    const job = parseJobQuery(raw);
    return job ? { value: job } : { error: 'must be a job number like 25-08590' };
  })
    .optional()
    .describe('Job number, 25-08590 (or 2508590); finds its reissues too'),
  q: z
    .string()
    .max(200, { error: 'must be at most 200 characters' })
    .optional()
    .describe('Words of the title, all in one language version; case and accents do not matter'),
  lang: z
    .enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` })
    .optional()
    .describe('The language whose title holds the words of q (default: any)'),
  sort: z
    .enum(SORTS, { error: `must be one of ${SORTS.join(', ')}` })
    .optional()
    .describe('date: newest first (default); symbol: in symbol order'),
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
  const { agendaItem: rawItem, symbol, job, q, sort, limit, ...rest } = parsed;
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
  let words: string[] | undefined;
  if (q !== undefined) {
    words = queryWords(q, rest.lang);
    if (words.length === 0) {
      problem('q', 'has no word to look for (common words such as "the" and single letters are not indexed)');
    }
  } else if (rest.lang !== undefined) {
    problem('lang', 'is the language of the title words: give q too');
  }
  if (rest.from && rest.to && rest.from > rest.to) problem('to', 'is before from');
  return {
    ...rest,
    ...(rest.session !== undefined ? { organ: 'GA' as const } : {}),
    ...(agendaItem ? { agendaItem } : {}),
    ...symbol,
    ...(job ? { job } : {}),
    ...(words?.length ? { words } : {}),
    ...(sort === 'symbol' ? { sort } : {}),
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
  if (query.job) return `JOB#${query.job}`;
  const session = `ORGAN#GA#SESSION#${query.session}`;
  if (query.session !== undefined && query.agendaItem) return `${session}#ITEM#${query.agendaItem}`;
  const word = rarestWord(query.words ?? []);
  if (word) return `WORD#${word}`;
  if (query.symbolPrefix) return `PREFIX#${query.symbolPrefix}`;
  if (query.symbolSuffix) return `SUFFIX#${query.symbolSuffix}`;
  if (query.session !== undefined) return session;
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

/**
 * Whether an entry read from the chosen facet meets every filter of the query. `words` are the
 * entry's stored title words; an entry written without them has them computed from its titles.
 */
export function matchesQuery(
  metadata: DocumentMetadata,
  query: SearchQuery,
  words?: Partial<Record<Lang, readonly string[]>>,
): boolean {
  const distributed = metadata.distributedAt.slice(0, 10);
  if (query.from && distributed < query.from) return false;
  if (query.to && distributed > query.to) return false;
  if (query.job && jobFacetValue(metadata.jobNumber) !== query.job) return false;
  const { symbolPrefix: prefix, symbolSuffix: suffix } = query;
  if (prefix && !metadata.symbols.some((s) => symbolPrefixes(s).includes(prefix))) return false;
  if (suffix && !metadata.symbols.some((s) => symbolSuffixes(s).includes(suffix))) return false;
  if (query.words?.length && !hasWords(words ?? documentWords(metadata.title), query.words, query.lang)) {
    return false;
  }
  const facets = new Set(searchFacets(metadata));
  return queryFacets(query).every((facet) => facets.has(facet));
}

/**
 * Whether the facet read alone answers the query, so that every entry read is one to return: each
 * Query then asks for one page and no more, and larger reads are kept for queries whose remaining
 * filters reject entries. Only the read size depends on it; every entry is checked all the same.
 */
export function facetAnswers(query: SearchQuery, facet: string): boolean {
  const implied = (f: string) => facet === f || facet.startsWith(`${f}#`);
  if (!queryFacets(query).every(implied)) return false;
  if (query.job && facet !== `JOB#${query.job}`) return false;
  if (query.symbolPrefix && facet !== `PREFIX#${query.symbolPrefix}`) return false;
  if (query.symbolSuffix && facet !== `SUFFIX#${query.symbolSuffix}`) return false;
  // The word facets are any language's; a language or a second word is checked on each entry.
  if (query.words?.length && (query.lang || query.words.length > 1 || facet !== `WORD#${query.words[0]}`)) {
    return false;
  }
  return query.sort !== 'symbol' || (!query.from && !query.to);
}

/** What a cursor belongs to: the facet read, in the order read. */
export const cursorScope = (query: SearchQuery): string =>
  query.sort === 'symbol' ? `${queryFacet(query)}#BY#SYMBOL` : queryFacet(query);

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
