/**
 * The officer console's intake queue filter: what its form's fields may hold, which submissions
 * they keep, and a page of the queue (oldest first) read through the same listing the API uses.
 * Status and age are ranges of the store's index; organ and session are checked on each record.
 */
import { MAX_SESSION } from '../domain/series.ts';
import { ORGANS } from '../domain/submission.ts';
import {
  SUBMISSION_STATUSES,
  type SubmissionRecord,
  type SubmissionStatus,
} from '../domain/submission-record.ts';
import { listSubmissionsFor, type SubmissionPorts } from '../domain/submissions-service.ts';

/** The form's fields, as the query string names them. */
export const INTAKE_FIELDS = ['status', 'organ', 'session', 'olderThan'] as const;
export type IntakeField = (typeof INTAKE_FIELDS)[number];

/** The status choice that lists every status. */
export const ANY_STATUS = 'any';

/** The oldest a submission can be to be asked for: ten years. */
export const MAX_AGE_DAYS = 3650;

export type Organ = (typeof ORGANS)[number];

export interface IntakeFilter {
  /** Absent: every status. The queue shows `received` unless asked otherwise. */
  status?: SubmissionStatus;
  organ?: Organ;
  /** A GA session the submission is to be circulated in. */
  session?: number;
  /** Received more than this many days ago. */
  olderThanDays?: number;
}

/** The fields as typed (empty ones left out). */
export type IntakeValues = Partial<Record<IntakeField, string>>;

export type ParsedFilter = { ok: true; filter: IntakeFilter } | { ok: false; invalid: IntakeField[] };

/** The fields that hold something (a browser sends empty ones too), trimmed. */
export function intakeValues(query: Partial<Record<IntakeField, string | undefined>>): IntakeValues {
  const values: IntakeValues = {};
  for (const name of INTAKE_FIELDS) {
    const value = query[name]?.trim();
    if (value) values[name] = value;
  }
  return values;
}

/** A whole number within bounds, written in ASCII digits; otherwise undefined. */
function wholeNumber(text: string, max: number): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= max ? n : undefined;
}

/** The filter the fields ask for, or every field that holds something it cannot mean. */
export function parseIntakeFilter(values: IntakeValues): ParsedFilter {
  const invalid: IntakeField[] = [];
  const filter: IntakeFilter = {};
  const status = values.status ?? 'received';
  if ((SUBMISSION_STATUSES as readonly string[]).includes(status)) filter.status = status as SubmissionStatus;
  else if (status !== ANY_STATUS) invalid.push('status');
  if (values.organ !== undefined) {
    if ((ORGANS as readonly string[]).includes(values.organ)) filter.organ = values.organ as Organ;
    else invalid.push('organ');
  }
  if (values.session !== undefined) {
    const session = wholeNumber(values.session, MAX_SESSION);
    if (session === undefined) invalid.push('session');
    else filter.session = session;
  }
  if (values.olderThan !== undefined) {
    const days = wholeNumber(values.olderThan, MAX_AGE_DAYS);
    if (days === undefined) invalid.push('olderThan');
    else filter.olderThanDays = days;
  }
  return invalid.length > 0 ? { ok: false, invalid } : { ok: true, filter };
}

/** Whether a submission is circulated as the filter's organ and session ask (status and age aside). */
export function matchesIntake(record: Pick<SubmissionRecord, 'submission'>, filter: IntakeFilter): boolean {
  const circulation = record.submission.circulation;
  if (filter.organ && !circulation.some((entry) => entry.organ === filter.organ)) return false;
  if (
    filter.session !== undefined &&
    !circulation.some((entry) => entry.organ === 'GA' && entry.session === filter.session)
  ) {
    return false;
  }
  return true;
}

/** The instant a submission must have been received before, for an age filter. */
export const receivedBefore = (filter: IntakeFilter, now: Date): string | undefined =>
  filter.olderThanDays === undefined
    ? undefined
    : new Date(now.getTime() - filter.olderThanDays * 86_400_000).toISOString();

/** The filter as the query string of a link that keeps it (the default status left out). */
export function intakeQuery(filter: IntakeFilter): Record<string, string> {
  return {
    ...(filter.status === undefined ? { status: ANY_STATUS } : {}),
    ...(filter.status && filter.status !== 'received' ? { status: filter.status } : {}),
    ...(filter.organ ? { organ: filter.organ } : {}),
    ...(filter.session !== undefined ? { session: String(filter.session) } : {}),
    ...(filter.olderThanDays !== undefined ? { olderThan: String(filter.olderThanDays) } : {}),
  };
}

/** Store reads one page of the queue may make while the organ or session filter skips records. */
export const MAX_READS = 10;

/**
 * A page of the queue, oldest first: up to `limit` submissions the filter keeps, and the cursor of
 * the rest. Each read asks for no more than the page still lacks, so the store's cursor after the
 * last read is exactly where the next page starts; a page may come back short after MAX_READS.
 */
export async function intakePage(
  ports: Pick<SubmissionPorts, 'submissions'>,
  filter: IntakeFilter,
  request: { limit: number; cursor?: string; now: Date },
): Promise<{ items: SubmissionRecord[]; cursor?: string }> {
  const before = receivedBefore(filter, request.now);
  const items: SubmissionRecord[] = [];
  let cursor = request.cursor;
  for (let reads = 0; reads < MAX_READS && items.length < request.limit; reads++) {
    const page = await listSubmissionsFor(
      ports,
      { role: 'officer' },
      {
        limit: request.limit - items.length,
        oldestFirst: true,
        ...(filter.status ? { status: filter.status } : {}),
        ...(before ? { receivedBefore: before } : {}),
        ...(cursor ? { cursor } : {}),
      },
    );
    items.push(...page.items.filter((record) => matchesIntake(record, filter)));
    cursor = page.cursor;
    if (!cursor) break;
  }
  return { items, ...(cursor ? { cursor } : {}) };
}
