import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJobNumber } from '../functions/domain/job-numbers.ts';
import {
  type CirculationTarget,
  formatSeriesKey,
  jobNumberInSeries,
  jobSeries,
  parseSeriesKey,
  seriesForCirculation,
  seriesUpdateSchema,
  symbolInSeries,
} from '../functions/domain/series.ts';
import { parseSymbol } from '../functions/domain/symbols.ts';

describe('seriesForCirculation', () => {
  // The submission's circulation, agenda items and all, fits as it is.
  const submitted = [{ organ: 'GA' as const, session: 79, agendaItems: ['51'] }, { organ: 'SC' as const }];

  it.each<[readonly CirculationTarget[], string, string[]]>([
    [submitted, '2025-06-03', ['A/79', 'S/2025']],
    [[{ organ: 'SC' }, { organ: 'GA', session: 80 }], '2025-10-16', ['A/80', 'S/2025']],
    [
      [{ organ: 'ECOSOC' }, { organ: 'SC' }, { organ: 'GA', session: 80 }],
      '2026-01-02',
      ['A/80', 'S/2026', 'E/2026'],
    ],
    [[{ organ: 'ECOSOC' }], '2025-12-31', ['E/2025']],
  ])(
    'draws GA symbols from the session and SC symbols from the year of issue, GA first: %j on %s',
    (circulation, issued, series) => {
      expect(seriesForCirculation(circulation, issued)).toEqual(series);
    },
  );

  it('takes the year from the issue date, not from the letter', () => {
    // A letter dated in December but registered in January goes into the new year's SC series.
    expect(seriesForCirculation([{ organ: 'SC' }], '2026-01-05')).toEqual(['S/2026']);
  });

  it('rejects bad input', () => {
    expect(() => seriesForCirculation([{ organ: 'SC' }], '2025-02-30')).toThrow(/ISO date/);
    expect(() => seriesForCirculation([{ organ: 'SC' }], '3 June 2025')).toThrow(/ISO date/);
    expect(() => seriesForCirculation([], '2025-06-03')).toThrow(/at least one organ/);
    expect(() => seriesForCirculation([{ organ: 'SC' }, { organ: 'SC' }], '2025-06-03')).toThrow(/twice/);
    expect(() => seriesForCirculation([{ organ: 'GA', session: 0 }], '2025-06-03')).toThrow(/session/);
  });
});

describe('jobSeries', () => {
  it('is the two-digit year of issue', () => {
    expect(jobSeries('2025-06-03')).toBe('job/25');
    expect(jobSeries('2105-01-01')).toBe('job/05');
    expect(() => jobSeries('2025-13-01')).toThrow(RangeError);
  });
});

describe('symbolInSeries and jobNumberInSeries', () => {
  it('gives the nth symbol or job number', () => {
    expect(symbolInSeries('A/79', 923)).toBe('A/79/923');
    expect(symbolInSeries('S/2025', 341)).toBe('S/2025/341');
    expect(symbolInSeries('E/2025', 7)).toBe('E/2025/7');
    expect(jobNumberInSeries('job/25', 8590)).toBe('25-08590');
  });

  it('refuses to mix symbols and job numbers, and numbers out of range', () => {
    expect(() => symbolInSeries('job/25', 1)).toThrow(/jobNumberInSeries/);
    expect(() => jobNumberInSeries('A/79', 1)).toThrow(/symbolInSeries/);
    expect(() => symbolInSeries('A/79', 0)).toThrow(RangeError);
    expect(() => symbolInSeries('A/79', 1_000_000)).toThrow(RangeError);
    expect(() => jobNumberInSeries('job/25', 100_000)).toThrow(RangeError);
    expect(() => symbolInSeries('X/1', 1)).toThrow(RangeError);
  });

  it('always yields a valid symbol of the series', () => {
    const key = fc.oneof(
      fc.integer({ min: 1, max: 150 }).map((s) => `A/${s}`),
      fc.tuple(fc.constantFrom('S', 'E'), fc.integer({ min: 1946, max: 2099 })).map(([o, y]) => `${o}/${y}`),
    );
    fc.assert(
      fc.property(key, fc.integer({ min: 1, max: 999_999 }), (k, n) => {
        const symbol = symbolInSeries(k, n);
        expect(parseSymbol(symbol).ok).toBe(true);
        expect(symbol).toBe(`${k}/${n}`);
      }),
    );
  });

  it('always yields a valid job number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 99_999 }), (yy, n) => {
        const key = formatSeriesKey({ kind: 'job', yy });
        expect(parseJobNumber(jobNumberInSeries(key, n))).toEqual({
          ok: true,
          value: { yy, serial: n, reissues: 0 },
        });
      }),
    );
  });
});

describe('parseSeriesKey', () => {
  it.each([
    ['A/80', { kind: 'A', session: 80 }],
    ['S/2025', { kind: 'S', year: 2025 }],
    ['E/2025', { kind: 'E', year: 2025 }],
    ['job/25', { kind: 'job', yy: 25 }],
    ['job/05', { kind: 'job', yy: 5 }],
  ])('%s', (key, value) => {
    expect(parseSeriesKey(key)).toEqual({ ok: true, value });
    expect(formatSeriesKey(value as never)).toBe(key);
  });

  it.each([
    '',
    'A',
    'A/',
    'A/080',
    'A/151',
    'A/ES-10',
    'S/25',
    'S/1900',
    'E/2100',
    'job/5',
    'job/2025',
    'a/80',
    'T/1',
  ])('rejects %j', (key) => {
    const parsed = parseSeriesKey(key);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/series|range/);
  });
});

describe('seriesUpdateSchema (PUT /v1/series)', () => {
  it('accepts the documented body', () => {
    expect(seriesUpdateSchema.parse({ series: 'A/80', next: 488 })).toEqual({ series: 'A/80', next: 488 });
    expect(seriesUpdateSchema.parse({ series: 'job/25', next: 99_999 })).toEqual({
      series: 'job/25',
      next: 99_999,
    });
  });

  const fieldOf = (input: unknown) =>
    seriesUpdateSchema.safeParse(input).error?.issues.map((i) => i.path.join('/'));

  it('names the bad field', () => {
    expect(fieldOf({ series: 'A/151', next: 1 })).toEqual(['series']);
    expect(fieldOf({ series: 'B/80', next: 1 })).toEqual(['series']);
    expect(fieldOf({ series: 'A/80', next: 0 })).toEqual(['next']);
    expect(fieldOf({ series: 'A/80', next: 1.5 })).toEqual(['next']);
    expect(fieldOf({ series: 'job/25', next: 100_000 })).toEqual(['next']);
    expect(fieldOf({ series: 'A/80', next: 1, extra: true })).toEqual(['']);
  });

  it('explains an out-of-range series', () => {
    const issue = seriesUpdateSchema.safeParse({ series: 'A/151', next: 1 }).error?.issues[0];
    expect(issue?.message).toMatch(/session 151 is out of range/);
  });

  it('can be described in JSON Schema for the OpenAPI document', () => {
    const schema = z.toJSONSchema(seriesUpdateSchema) as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(schema.properties)).toEqual(['series', 'next']);
    expect(schema.required).toEqual(['series', 'next']);
  });
});
