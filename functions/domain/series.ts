/**
 * Numbering series a registration draws from. GA symbols count per
 * session (`A/79` → `A/79/923`), SC and ECOSOC symbols per calendar year of the issue date
 * (`S/2025` → `S/2025/341`), job numbers per two-digit year (`job/25` → `25-08590`).
 * The counters of a joint document's symbols are independent.
 */
import { z } from 'zod';
import { formatJobNumber, MAX_SERIAL } from './job-numbers.ts';
import { formatSymbol } from './symbols.ts';

export type Series =
  | { kind: 'A'; session: number }
  | { kind: 'S' | 'E'; year: number }
  | { kind: 'job'; yy: number };

export type SeriesResult = { ok: true; value: Series } | { ok: false; reason: string };

/** What a registration needs of a circulation entry; the submission's and the document file's both fit. */
export type CirculationTarget = { organ: 'GA'; session: number } | { organ: 'SC' } | { organ: 'ECOSOC' };

export const MAX_SESSION = 150;
const MIN_YEAR = 1946;
const MAX_YEAR = 2099;
/** Symbol sequence numbers are at most six digits in the grammar of `symbols.ts`. */
export const MAX_SYMBOL_NUMBER = 999_999;

const SERIES_KEY_RE = /^(?:A\/[1-9]\d{0,2}|[SE]\/\d{4}|job\/\d{2})$/;
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseSeriesKey(key: string): SeriesResult {
  if (!SERIES_KEY_RE.test(key)) {
    return {
      ok: false,
      reason: `'${key}' is not a series: expected A/{session}, S/{year}, E/{year} or job/{yy}`,
    };
  }
  const [head, tail = ''] = key.split('/');
  const n = Number(tail);
  if (head === 'A') {
    if (n > MAX_SESSION) return { ok: false, reason: `GA session ${n} is out of range (1–${MAX_SESSION})` };
    return { ok: true, value: { kind: 'A', session: n } };
  }
  if (head === 'S' || head === 'E') {
    if (n < MIN_YEAR || n > MAX_YEAR)
      return { ok: false, reason: `year ${n} is out of range (${MIN_YEAR}–${MAX_YEAR})` };
    return { ok: true, value: { kind: head, year: n } };
  }
  return { ok: true, value: { kind: 'job', yy: n } };
}

export function formatSeriesKey(series: Series): string {
  switch (series.kind) {
    case 'A':
      return `A/${series.session}`;
    case 'S':
    case 'E':
      return `${series.kind}/${series.year}`;
    case 'job':
      return `job/${String(series.yy).padStart(2, '0')}`;
  }
}

function mustParse(key: string): Series {
  const parsed = parseSeriesKey(key);
  if (!parsed.ok) throw new RangeError(parsed.reason);
  return parsed.value;
}

function issueYear(issued: string): number {
  const match = ISO_DATE_RE.exec(issued);
  const date = new Date(`${issued}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== issued) {
    throw new RangeError(`'${issued}' is not an ISO date (YYYY-MM-DD)`);
  }
  return Number(match[1]);
}

const ORGAN_ORDER = ['GA', 'SC', 'ECOSOC'] as const;

/**
 * The symbol series of a document, General Assembly first: GA circulation draws from its session,
 * SC and ECOSOC from the year of the issue date. `[{GA 79}, {SC}]` issued 2025-06-03 → `['A/79', 'S/2025']`.
 */
export function seriesForCirculation(circulation: readonly CirculationTarget[], issued: string): string[] {
  const year = issueYear(issued);
  if (circulation.length === 0) throw new RangeError('A document is circulated to at least one organ');
  const organs = circulation.map((c) => c.organ);
  if (new Set(organs).size !== organs.length)
    throw new RangeError(`An organ appears twice: ${organs.join(', ')}`);
  return [...circulation]
    .sort((a, b) => ORGAN_ORDER.indexOf(a.organ) - ORGAN_ORDER.indexOf(b.organ))
    .map((c) => {
      if (c.organ === 'SC') return formatSeriesKey({ kind: 'S', year });
      if (c.organ === 'ECOSOC') return formatSeriesKey({ kind: 'E', year });
      if (!Number.isInteger(c.session) || c.session < 1 || c.session > MAX_SESSION) {
        throw new RangeError(`GA session ${c.session} is out of range (1–${MAX_SESSION})`);
      }
      return formatSeriesKey({ kind: 'A', session: c.session });
    });
}

/** The job-number series of a document issued on `issued` (ISO date): `2025-06-03` → `job/25`. */
export function jobSeries(issued: string): string {
  return formatSeriesKey({ kind: 'job', yy: issueYear(issued) % 100 });
}

/** The `n`th symbol of a symbol series: `symbolInSeries('A/79', 923)` → `A/79/923`. */
export function symbolInSeries(seriesKey: string, n: number): string {
  const series = mustParse(seriesKey);
  if (series.kind === 'job')
    throw new RangeError(`${seriesKey} numbers jobs, not symbols: use jobNumberInSeries`);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SYMBOL_NUMBER) {
    throw new RangeError(`A symbol number is a whole number from 1 to ${MAX_SYMBOL_NUMBER}, not ${n}`);
  }
  const period = series.kind === 'A' ? series.session : series.year;
  return formatSymbol({
    parent: series.kind,
    path: [
      { kind: 'session', n: period },
      { kind: 'number', n },
    ],
    modifiers: [],
    reissues: 0,
  });
}

/** The `n`th job number of a job series: `jobNumberInSeries('job/25', 8590)` → `25-08590`. */
export function jobNumberInSeries(seriesKey: string, n: number): string {
  const series = mustParse(seriesKey);
  if (series.kind !== 'job')
    throw new RangeError(`${seriesKey} numbers symbols, not jobs: use symbolInSeries`);
  // Only documents issued from now on draw job numbers, so the century is this one.
  return formatJobNumber(2000 + series.yy, n);
}

/** Largest number a series can hand out. */
export function seriesCapacity(series: Series): number {
  return series.kind === 'job' ? MAX_SERIAL : MAX_SYMBOL_NUMBER;
}

/** Body of `PUT /v1/series`: `{"series": "A/80", "next": 488}` sets the next number to draw. */
export const seriesUpdateSchema = z
  .strictObject({
    series: z
      .string()
      .regex(SERIES_KEY_RE, { error: 'expected A/{session}, S/{year}, E/{year} or job/{yy}' })
      // The pattern has already reported malformed keys; this adds the ranges.
      .refine((key) => !SERIES_KEY_RE.test(key) || parseSeriesKey(key).ok, {
        error: (issue) => {
          const parsed = typeof issue.input === 'string' ? parseSeriesKey(issue.input) : undefined;
          return parsed && !parsed.ok ? parsed.reason : 'not a series';
        },
      }),
    next: z.int().min(1),
  })
  .refine(
    ({ series, next }) => {
      const parsed = parseSeriesKey(series);
      return !parsed.ok || next <= seriesCapacity(parsed.value);
    },
    {
      path: ['next'],
      error: `next is beyond the series (at most ${MAX_SYMBOL_NUMBER} for symbols, ${MAX_SERIAL} for job numbers)`,
    },
  );

export type SeriesUpdate = z.infer<typeof seriesUpdateSchema>;
