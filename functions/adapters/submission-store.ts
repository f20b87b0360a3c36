/**
 * Submissions in the table (the layout registration relies on; keep it here, in one place):
 *   pk = `SUBMISSION#{id}`, sk = `SUBMISSION`; attributes id, status, state, createdAt, updatedAt,
 *   submission, timeline, attachments, source?, documentSymbols?, documentId?.
 *   gsi1: `SUBMISSIONS#STATE#{state}`   / `{createdAt}#{id}`  a mission's own, newest first
 *   gsi2: `SUBMISSIONS#STATUS#{status}` / `{createdAt}#{id}`  officers' status filter
 *   gsi3: `SUBMISSIONS`                 / `{createdAt}#{id}`  everything
 * Status changes are conditional updates on the one item (no transactions), so retries and races
 * cannot move a submission twice.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { invalidCursor } from '../domain/errors.ts';
import {
  type Actor,
  type AttachmentRecord,
  isSubmissionId,
  type SubmissionRecord,
  type SubmissionStatus,
  type TimelineStep,
} from '../domain/submission-record.ts';
import {
  type ListQuery,
  type SubmissionPage,
  type SubmissionRepository,
  SubmissionStatusConflict,
} from '../domain/submissions-service.ts';
import { createItem, readItem, type Table, updatedIf, updateIf } from './table.ts';

export { SubmissionStatusConflict };

export type SubmissionTable = Table;

const key = (id: string) => ({ pk: `SUBMISSION#${id}`, sk: 'SUBMISSION' });
const sortKey = (record: Pick<SubmissionRecord, 'createdAt' | 'id'>) => `${record.createdAt}#${record.id}`;
const statusPartition = (status: SubmissionStatus) => `SUBMISSIONS#STATUS#${status}`;

export function submissionItem(record: SubmissionRecord): Record<string, unknown> {
  return {
    ...key(record.id),
    ...record,
    gsi1pk: `SUBMISSIONS#STATE#${record.state}`,
    gsi1sk: sortKey(record),
    gsi2pk: statusPartition(record.status),
    gsi2sk: sortKey(record),
    gsi3pk: 'SUBMISSIONS',
    gsi3sk: sortKey(record),
  };
}

function toRecord(item: Record<string, unknown>): SubmissionRecord {
  const { pk: _pk, sk: _sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, gsi3pk, gsi3sk, ...record } = item;
  return record as unknown as SubmissionRecord;
}

/** Stores a new submission; false if one with this id exists already (a retried create). */
export const putSubmission = (table: SubmissionTable, record: SubmissionRecord): Promise<boolean> =>
  createItem(table, submissionItem(record));

export async function getSubmission(
  table: SubmissionTable,
  id: string,
): Promise<SubmissionRecord | undefined> {
  if (!isSubmissionId(id)) return undefined;
  const item = await readItem(table, key(id));
  return item ? toRecord(item) : undefined;
}

/** Only the status: a small read, to re-check before numbers are drawn. */
export async function getSubmissionStatus(
  table: SubmissionTable,
  id: string,
): Promise<SubmissionRecord['status'] | undefined> {
  if (!isSubmissionId(id)) return undefined;
  const item = await readItem(table, key(id), {
    ProjectionExpression: '#status',
    ExpressionAttributeNames: { '#status': 'status' },
  });
  return item?.status as SubmissionRecord['status'] | undefined;
}

const encodeCursor = (sk: string, id: string) => Buffer.from(JSON.stringify([sk, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      value.every((v) => typeof v === 'string' && v.length < 200)
    ) {
      return value as [string, string];
    }
  } catch {
    // fall through
  }
  throw invalidCursor();
}

/**
 * A page of submissions, newest first unless asked oldest first, from the index that fits the
 * query (never a Scan). A mission's status filter is a filter on its own index; the page is filled
 * across reads.
 */
export async function listSubmissions(
  { db, tableName }: SubmissionTable,
  query: ListQuery,
): Promise<SubmissionPage> {
  const [index, partition] = query.state
    ? ['gsi1', `SUBMISSIONS#STATE#${query.state}`]
    : query.status
      ? ['gsi2', statusPartition(query.status)]
      : ['gsi3', 'SUBMISSIONS'];
  const filter = query.state && query.status;
  // The cursor carries only the sort key and id; the partition always comes from the query, so a
  // cursor cannot lead into another mission's partition.
  let start: Record<string, unknown> | undefined;
  if (query.cursor) {
    const [sk, id] = decodeCursor(query.cursor);
    // A start outside the range asked for is refused by DynamoDB; it is no cursor of this list.
    if (query.receivedBefore && sk >= query.receivedBefore) throw invalidCursor();
    start = { ...key(id), [`${index}pk`]: partition, [`${index}sk`]: sk };
  }
  const items: SubmissionRecord[] = [];
  let more = true;
  while (items.length < query.limit && more) {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        // Sort keys start with the creation time, so "received before" is a range of the index.
        KeyConditionExpression: `${index}pk = :pk${query.receivedBefore ? ` AND ${index}sk < :before` : ''}`,
        ExpressionAttributeValues: {
          ':pk': partition,
          ...(filter ? { ':status': query.status } : {}),
          ...(query.receivedBefore ? { ':before': query.receivedBefore } : {}),
        },
        ...(filter
          ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } }
          : {}),
        ScanIndexForward: query.oldestFirst === true,
        Limit: query.limit,
        ExclusiveStartKey: start,
      }),
    );
    items.push(...(page.Items ?? []).map(toRecord));
    start = page.LastEvaluatedKey;
    more = start !== undefined;
  }
  const kept = items.slice(0, query.limit);
  const last = kept.at(-1);
  const cursor =
    last && (more || items.length > query.limit) ? encodeCursor(sortKey(last), last.id) : undefined;
  return { items: kept, ...(cursor ? { cursor } : {}) };
}

/**
 * Moves a submission from `from` to `step.step`, appending the step to the timeline, if it is still
 * in `from`. Throws SubmissionStatusConflict (with the current record) otherwise.
 */
async function transition(
  table: SubmissionTable,
  id: string,
  from: SubmissionStatus,
  step: TimelineStep,
  extra: Record<string, unknown> = {},
): Promise<SubmissionRecord> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {
    ':from': from,
    ':to': step.step,
    ':at': step.at,
    ':step': [step],
    ':gsi2pk': statusPartition(step.step),
  };
  const sets = [
    '#status = :to',
    'updatedAt = :at',
    'timeline = list_append(timeline, :step)',
    'gsi2pk = :gsi2pk',
  ];
  Object.entries(extra).forEach(([name, value], i) => {
    names[`#x${i}`] = name;
    values[`:x${i}`] = value;
    sets.push(`#x${i} = :x${i}`);
  });
  const moved = await updateIf(table, {
    Key: key(id),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ConditionExpression: 'attribute_exists(pk) AND #status = :from',
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'ALL_NEW',
  });
  if (moved) return toRecord(moved.Attributes ?? {});
  const current = await getSubmission(table, id);
  throw new SubmissionStatusConflict(
    current
      ? `Submission ${id} is ${current.status}; this needs it to be ${from}.`
      : `There is no submission ${id}.`,
    current,
  );
}

export const markRejected = (
  table: SubmissionTable,
  id: string,
  { reason, at, actor }: { reason: string; at: string; actor: Actor },
) => transition(table, id, 'received', { step: 'rejected', at, actor, reason });

/**
 * For registration: received → registered, with the document's symbols and id. Throws
 * SubmissionStatusConflict if the submission is not `received` (its `current` tells a retry
 * of the same registration, already done, from a real conflict).
 */
export const markRegistered = (
  table: SubmissionTable,
  id: string,
  { symbols, documentId, at, actor }: { symbols: string[]; documentId: string; at: string; actor: Actor },
) =>
  transition(
    table,
    id,
    'received',
    { step: 'registered', at, actor, symbols },
    {
      documentSymbols: symbols,
      documentId,
    },
  );

/** For distribution: registered → distributed. */
export const markDistributed = (
  table: SubmissionTable,
  id: string,
  { at, actor }: { at: string; actor: Actor },
) => transition(table, id, 'registered', { step: 'distributed', at, actor });

/**
 * Replaces the attachment at `position` if it still holds attachment `attachment.id` (a concurrent
 * change to another annex is untouched). Returns false if it no longer does.
 */
export async function putAttachment(
  table: SubmissionTable,
  id: string,
  position: number,
  attachment: AttachmentRecord,
  { at, onlyIfStatus }: { at: string; onlyIfStatus?: SubmissionStatus },
): Promise<boolean> {
  return updatedIf(table, {
    Key: key(id),
    UpdateExpression: `SET attachments[${position}] = :attachment, updatedAt = :at`,
    ConditionExpression: `attachments[${position}].id = :id${onlyIfStatus ? ' AND #status = :status' : ''}`,
    ...(onlyIfStatus ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
    ExpressionAttributeValues: {
      ':attachment': attachment,
      ':at': at,
      ':id': attachment.id,
      ...(onlyIfStatus ? { ':status': onlyIfStatus } : {}),
    },
  });
}

/** The repository port of the submissions service, on this table. */
export const dynamoSubmissionRepository = (table: SubmissionTable): SubmissionRepository => ({
  create: (record) => putSubmission(table, record),
  get: (id) => getSubmission(table, id),
  list: (query) => listSubmissions(table, query),
  reject: (id, change) => markRejected(table, id, change),
  putAttachment: (id, position, attachment, options) =>
    putAttachment(table, id, position, attachment, options),
});
