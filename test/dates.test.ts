import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateStamp, formatDate } from '../functions/domain/dates.ts';

describe('formatDate', () => {
  it.each([
    ['en', '2025-06-03', '3 June 2025'], // sample / A/80/434
    ['fr', '2025-06-03', '3 juin 2025'], // sample
    ['fr', '2025-06-01', '1er juin 2025'], // UNPC: "1er janvier", "1er juillet"…
    ['fr', '2015-01-22', '22 janvier 2015'], // UNPC 697
    ['es', '2025-06-03', '3 de junio de 2025'],
    ['es', '2015-01-22', '22 de enero de 2015'], // UNPC 697
    ['es', '2015-01-01', '1 de enero de 2015'], // UNPC: no ordinal on the 1st
    ['ru', '2025-06-03', '3 июня 2025 года'],
    ['ru', '2014-12-16', '16 декабря 2014 года'], // UNPC 3687
    ['zh', '2025-06-03', '2025年6月3日'],
    ['zh', '2014-12-16', '2014年12月16日'], // UNPC 3687
    ['ar', '2025-06-03', '3 حزيران/يونيه 2025'],
    ['ar', '2015-01-22', '22 كانون الثاني/يناير 2015'], // UNPC 697
  ] as const)('%s %s → %s', (lang, iso, expected) => {
    expect(formatDate(iso, lang)).toBe(expected);
  });

  it('writes the UN Arabic dual month names, with يونيه/يوليه', () => {
    const months = Array.from({ length: 12 }, (_, i) =>
      formatDate(`2025-${String(i + 1).padStart(2, '0')}-15`, 'ar').replace(/^15 | 2025$/g, ''),
    );
    expect(months).toEqual([
      'كانون الثاني/يناير',
      'شباط/فبراير',
      'آذار/مارس',
      'نيسان/أبريل',
      'أيار/مايو',
      'حزيران/يونيه',
      'تموز/يوليه',
      'آب/أغسطس',
      'أيلول/سبتمبر',
      'تشرين الأول/أكتوبر',
      'تشرين الثاني/نوفمبر',
      'كانون الأول/ديسمبر',
    ]);
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2025-02-30', '2025-13-01', '3 June 2025', '2025-6-3', '']) {
      expect(() => formatDate(bad, 'en')).toThrow(RangeError);
    }
  });
});

describe('dateStamp', () => {
  it('is DDMMYY', () => {
    expect(dateStamp('2025-06-03')).toBe('030625');
    expect(dateStamp('2025-10-22')).toBe('221025'); // A/80/434 footer
    expect(dateStamp('2000-01-09')).toBe('090100');
  });

  it('reads back to the same day for any date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1946-01-01'), max: new Date('2095-12-31'), noInvalidDate: true }),
        (d) => {
          const iso = d.toISOString().slice(0, 10);
          const stamp = dateStamp(iso);
          return /^\d{6}$/.test(stamp) && `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(2, 4)}` === stamp;
        },
      ),
    );
  });
});
