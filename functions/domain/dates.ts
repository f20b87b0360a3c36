/** Dates as the UN writes them in each language: `3 June 2025`, `1er juin 2025`, `2025年6月3日`. */
import type { Lang } from './languages.ts';
import { fill, strings } from './strings.ts';

interface Ymd {
  year: number;
  month: number;
  day: number;
}

function parseIsoDate(iso: string): Ymd {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [, y, m, d] = match ?? [];
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  // Round-trip through Date so that 2025-02-30 is refused rather than printed.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!match || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${iso}`);
  }
  return { year, month, day };
}

/** The date in running text and titles of the `lang` version. */
export function formatDate(iso: string, lang: Lang): string {
  const { year, month, day } = parseIsoDate(iso);
  const s = strings(lang);
  const monthName = s.months[month - 1];
  if (monthName === undefined) throw new RangeError(`No month ${month}`);
  return fill(s.date.pattern, {
    day: day === 1 && s.date.firstDay ? s.date.firstDay : String(day),
    month: monthName,
    year: String(year),
  });
}

/** Footer stamp `DDMMYY` (3 June 2025 → `030625`). */
export function dateStamp(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return two(day) + two(month) + two(year % 100);
}
