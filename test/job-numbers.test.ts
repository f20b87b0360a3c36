import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatJobNumber,
  jobNumberBarcode,
  MAX_SERIAL,
  parseJobNumber,
  reissueJobNumber,
} from '../functions/domain/job-numbers.ts';

describe('formatJobNumber', () => {
  it('prints YY-NNNNN with a zero-padded five-digit serial', () => {
    expect(formatJobNumber(2025, 8590)).toBe('25-08590');
    expect(formatJobNumber(2025, 16785)).toBe('25-16785');
    expect(formatJobNumber(2005, 1)).toBe('05-00001');
    expect(formatJobNumber(1998, 14973)).toBe('98-14973');
    expect(formatJobNumber(2012, 27711, 3)).toBe('12-27711***');
  });

  it('rejects serials outside 1–99999 and odd years', () => {
    expect(() => formatJobNumber(2025, 100_000)).toThrow(RangeError);
    expect(() => formatJobNumber(2025, 0)).toThrow(RangeError);
    expect(() => formatJobNumber(2025, 12.5)).toThrow(RangeError);
    expect(() => formatJobNumber(25, 1)).toThrow(/calendar year/);
    expect(() => formatJobNumber(2025, 1, -1)).toThrow(RangeError);
  });
});

describe('parseJobNumber', () => {
  it('reads the year, serial and reissues', () => {
    expect(parseJobNumber('25-08590')).toEqual({ ok: true, value: { yy: 25, serial: 8590, reissues: 0 } });
    expect(parseJobNumber('12-27711***')).toEqual({
      ok: true,
      value: { yy: 12, serial: 27711, reissues: 3 },
    });
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
  it('adds one asterisk per reissue', () => {
    expect(reissueJobNumber('25-08590')).toBe('25-08590*');
    expect(reissueJobNumber('12-27711**')).toBe('12-27711***');
    expect(() => reissueJobNumber('nonsense')).toThrow(RangeError);
  });

  it('encodes the digits without hyphen nor reissue marks', () => {
    expect(jobNumberBarcode('25-08590')).toBe('2508590');
    expect(jobNumberBarcode('25-16785')).toBe('2516785');
    expect(jobNumberBarcode('12-27711***')).toBe('1227711');
    expect(jobNumberBarcode('05-00001')).toBe('0500001');
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
