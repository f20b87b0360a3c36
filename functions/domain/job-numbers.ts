/**
 * Job numbers: `YY-NNNNN`, the two last digits of the year and a five-digit
 * serial, as New York prints them (`25-08590`); one `*` per reissue (`12-27711***`).
 */

export interface JobNumber {
  /** Two last digits of the year, 0–99. */
  yy: number;
  /** Serial within the year, 1–99999. */
  serial: number;
  reissues: number;
}

export type JobNumberResult = { ok: true; value: JobNumber } | { ok: false; reason: string };

export const MAX_SERIAL = 99_999;

const JOB_NUMBER_RE = /^(\d{2})-(\d{5})(\**)$/;

function checkSerial(serial: number): void {
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_SERIAL) {
    throw new RangeError(`A job number serial is a whole number from 1 to ${MAX_SERIAL}, not ${serial}`);
  }
}

/** `formatJobNumber(2025, 8590)` → `25-08590`; `year` is the calendar year of issue. */
export function formatJobNumber(year: number, serial: number, reissues = 0): string {
  if (!Number.isInteger(year) || year < 1946 || year > 2099) {
    throw new RangeError(`A job number year is a calendar year from 1946 to 2099, not ${year}`);
  }
  checkSerial(serial);
  if (!Number.isInteger(reissues) || reissues < 0) throw new RangeError(`Invalid reissue count ${reissues}`);
  const yy = String(year % 100).padStart(2, '0');
  return `${yy}-${String(serial).padStart(5, '0')}${'*'.repeat(reissues)}`;
}

export function parseJobNumber(input: string): JobNumberResult {
  const match = JOB_NUMBER_RE.exec(input);
  if (!match)
    return { ok: false, reason: `'${input}' is not a job number of the form YY-NNNNN (as in 25-08590)` };
  const serial = Number(match[2]);
  if (serial === 0) return { ok: false, reason: 'a job number serial starts at 00001' };
  return { ok: true, value: { yy: Number(match[1]), serial, reissues: match[3]?.length ?? 0 } };
}

function mustParse(jobNumber: string): JobNumber {
  const parsed = parseJobNumber(jobNumber);
  if (!parsed.ok) throw new RangeError(parsed.reason);
  return parsed.value;
}

/** A reissue keeps the job number and adds one `*`, as the symbol does: `12-27711*` → `12-27711**`. */
export function reissueJobNumber(jobNumber: string): string {
  mustParse(jobNumber);
  return `${jobNumber}*`;
}

/**
 * What the Code 39 barcode under the job line encodes: the digits without the hyphen (`2508590`).
 * Reissue marks are left out: `*` is Code 39's start/stop character, which the renderer adds around it.
 */
export function jobNumberBarcode(jobNumber: string): string {
  const { yy, serial } = mustParse(jobNumber);
  return `${String(yy).padStart(2, '0')}${String(serial).padStart(5, '0')}`;
}
