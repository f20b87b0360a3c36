import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatJobNumber,
  jobNumberBarcode,
  MAX_SERIAL,
  parseJobNumber,
  reissueJobNumber,
} from '../functions/domain/job-numbers.ts';

type FormatArgs = Parameters<typeof formatJobNumber>;

describe('formatJobNumber', () => {
  it.each<[FormatArgs, string]>([
    [[2025, 8590], '25-08590'],
    [[2025, 16785], '25-16785'],
    [[2005, 1], '05-00001'],
    [[1998, 14973], '98-14973'],
    [[2012, 27711, 3], '12-27711***'],
  ])('prints %j as YY-NNNNN with a zero-padded five-digit serial: %s', (args, printed) => {
    expect(formatJobNumber(...args)).toBe(printed);
  });

  it.each<[FormatArgs, RegExp | typeof RangeError]>([
    [[2025, 100_000], RangeError],
    [[2025, 0], RangeError],
    [[2025, 12.5], RangeError],
    [[25, 1], /calendar year/],
    [[2025, 1, -1], RangeError],
  ])('rejects %j (serials outside 1–99999 and odd years)', (args, error) => {
    expect(() => formatJobNumber(...args)).toThrow(error);
  });
});

describe('parseJobNumber', () => {
  it.each([
    ['25-08590', { yy: 25, serial: 8590, reissues: 0 }],
    ['12-27711***', { yy: 12, serial: 27711, reissues: 3 }],
  ])('reads the year, serial and reissues of %s', (text, value) => {
    expect(parseJobNumber(text)).toEqual({ ok: true, value });
  });

  it.each([
    '',
    '25-8590',
    '2508590',
    '25-085901',
    'GE.24-13785',
    '25-00000',
    '25-08590 (E)',
    '25–08590',
    '25-08*590',
  ])('rejects %j', (input) => {
    expect(parseJobNumber(input).ok).toBe(false);
  });

  it('round-trips with formatJobNumber', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: MAX_SERIAL }),
        fc.nat({ max: 4 }),
        (year, serial, reissues) => {
          const text = formatJobNumber(year, serial, reissues);
          expect(parseJobNumber(text)).toEqual({ ok: true, value: { yy: year - 2000, serial, reissues } });
        },
      ),
    );
  });
});

describe('reissues and barcode', () => {
  it.each([
    { job: '25-08590', reissued: '25-08590*' },
    { job: '12-27711**', reissued: '12-27711***' },
  ])('adds one asterisk per reissue: $job → $reissued', ({ job, reissued }) => {
    expect(reissueJobNumber(job)).toBe(reissued);
  });

  it('reissues only a job number', () => {
    expect(() => reissueJobNumber('nonsense')).toThrow(RangeError);
  });

  it.each([
    { job: '25-08590', digits: '2508590' },
    { job: '25-16785', digits: '2516785' },
    { job: '12-27711***', digits: '1227711' },
    { job: '05-00001', digits: '0500001' },
  ])('encodes the digits of $job without hyphen nor reissue marks: $digits', ({ job, digits }) => {
    expect(jobNumberBarcode(job)).toBe(digits);
  });

  it('gives seven digits for any job number', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2099 }),
        fc.integer({ min: 1, max: MAX_SERIAL }),
        (year, serial) => {
          const job = formatJobNumber(year, serial);
          expect(jobNumberBarcode(job)).toMatch(/^\d{7}$/);
          expect(jobNumberBarcode(job)).toBe(job.replace('-', ''));
        },
      ),
    );
  });
});
