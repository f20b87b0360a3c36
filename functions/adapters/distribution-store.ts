import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type DistributionRecord,
  type HeadState,
  type RenderJobRecord,
  type StoredPdf,
  VERSION_WRITE_LEASE_MS,
} from '../domain/distribution.ts';
import type { DistributionPort } from '../domain/distributor.ts';
import type { Version } from '../domain/document.ts';
import type { Lang } from '../domain/languages.ts';
import { queryAll } from './query-all.ts';
import { readItem, updatedIf, updateIf, updateItem } from './table.ts';

const partition = (id: string) => `DOCUMENT#${id}`;
const HEAD = 'DOCUMENT';
const DISTRIBUTION = 'DISTRIBUTION';
const PDF_PREFIX = 'PDF#';
/** One item per language's render job; `JOB#` sorts between DISTRIBUTION and PDF#, in get()'s range. */
const JOB_PREFIX = 'JOB#';

const RECORD_FIELDS = ['languages', 'partial', 'requestedAt', 'requestedBy', 'letterDate'] as const;

export function createDistributionStore(db: DynamoDBDocumentClient, tableName: string): DistributionPort {
  const table = { db, tableName };
  const headKey = (id: string) => ({ pk: partition(id), sk: HEAD });
  const distributionKey = (id: string) => ({ pk: partition(id), sk: DISTRIBUTION });

  async function head(documentId: string): Promise<HeadState | undefined> {
    const item = await readItem(table, headKey(documentId), {
      ProjectionExpression: '#status, versionsRevision, versionWriters, versionWriteUntil, distributedAt',
      ExpressionAttributeNames: { '#status': 'status' },
    });
    if (!item) return undefined;
    const writing = Number(item.versionWriters ?? 0) > 0;
    return {
      status: item.status === 'distributed' ? 'distributed' : 'registered',
      revision: Number(item.versionsRevision ?? 0),
      ...(writing && item.versionWriteUntil !== undefined
        ? { versionWriteUntil: Number(item.versionWriteUntil) }
        : {}),
      ...(typeof item.distributedAt === 'string' ? { distributedAt: item.distributedAt } : {}),
    };
  }

  return {
    head,

    async putVersion(documentId: string, lang: Lang, version: Version, nowMs: number) {
      // 1. Announce the write (only while registered), so no flip happens until it is done.
      const announced = await updateIf(table, {
        Key: headKey(documentId),
        UpdateExpression: 'SET versionWriteUntil = :until ADD versionWriters :one',
        ConditionExpression: 'attribute_exists(pk) AND #status = :registered',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':until': nowMs + VERSION_WRITE_LEASE_MS,
          ':one': 1,
          ':registered': 'registered',
        },
      });
      if (!announced) return (await head(documentId)) ? 'distributed' : 'missing';
      // 2. The version itself, in document-store's shape.
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: partition(documentId), sk: `VERSION#${lang}`, version },
        }),
      );
      // 3. Done: one writer fewer, and a new revision, which a flip prepared before now cannot match.
      await updateItem(table, {
        Key: headKey(documentId),
        UpdateExpression: 'ADD versionWriters :minus, versionsRevision :one',
        ExpressionAttributeValues: { ':minus': -1, ':one': 1 },
      });
      return 'written';
    },

    async get(documentId: string) {
      const items = await queryAll(db, {
        TableName: tableName,
        // DISTRIBUTION < DOCUMENT < PDF#…: one range holds the record and the PDFs.
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
        ExpressionAttributeValues: {
          ':pk': partition(documentId),
          ':first': DISTRIBUTION,
          ':last': `${PDF_PREFIX}~`,
        },
        ConsistentRead: true,
      });
      const recordItem = items.find((item) => item.sk === DISTRIBUTION);
      let record: DistributionRecord | undefined;
      if (recordItem?.languages) {
        const { pk: _pk, sk: _sk, eventClaimBy: _by, eventClaimUntil: _until, ...rest } = recordItem;
        record = rest as unknown as DistributionRecord;
      }
      const pdfs = items
        .filter((item) => String(item.sk).startsWith(PDF_PREFIX))
        .map(({ pk: _pk, sk: _sk, ...rest }) => rest as unknown as StoredPdf);
      const jobs = items
        .filter((item) => String(item.sk).startsWith(JOB_PREFIX))
        .map(({ pk: _pk, sk: _sk, ...rest }) => rest as unknown as RenderJobRecord);
      return { ...(record ? { record } : {}), pdfs, jobs };
    },

    async markQueued(documentId, languages, at) {
      // A whole new record per job: the attempts and heartbeats of an earlier job are not this one's.
      await Promise.all(
        languages.map((lang) =>
          db.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                pk: partition(documentId),
                sk: `${JOB_PREFIX}${lang}`,
                lang,
                queuedAt: at,
              } satisfies RenderJobRecord & { pk: string; sk: string },
            }),
          ),
        ),
      );
    },

    async markRendering(documentId, lang, at, started) {
      await updateItem(table, {
        Key: { pk: partition(documentId), sk: `${JOB_PREFIX}${lang}` },
        ...(started
          ? {
              UpdateExpression: 'SET lang = :lang, startedAt = :at, aliveAt = :at ADD attempts :one',
              ExpressionAttributeValues: { ':lang': lang, ':at': at, ':one': 1 },
            }
          : {
              UpdateExpression: 'SET lang = :lang, aliveAt = :at',
              ExpressionAttributeValues: { ':lang': lang, ':at': at },
            }),
      });
    },

    async putRecord(documentId: string, record: DistributionRecord) {
      // An update of the request fields only: the steps recorded after a flip are never reset.
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets: string[] = [];
      RECORD_FIELDS.forEach((field, i) => {
        if (record[field] === undefined) return;
        names[`#f${i}`] = field;
        values[`:f${i}`] = record[field];
        sets.push(`#f${i} = :f${i}`);
      });
      await updateItem(table, {
        Key: distributionKey(documentId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      });
    },

    async putPdf(documentId: string, pdf: StoredPdf) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: partition(documentId), sk: `${PDF_PREFIX}${pdf.lang}`, ...pdf },
        }),
      );
    },

    async finalize(documentId, { revision, distributedAt, nowMs }) {
      const revisionCondition =
        revision === 0
          ? '(attribute_not_exists(versionsRevision) OR versionsRevision = :rev)'
          : 'versionsRevision = :rev';
      return updatedIf(table, {
        Key: headKey(documentId),
        UpdateExpression: 'SET #status = :distributed, distributedAt = :at',
        ConditionExpression:
          `#status = :registered AND ${revisionCondition} AND ` +
          '(attribute_not_exists(versionWriters) OR versionWriters <= :zero OR versionWriteUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':distributed': 'distributed',
          ':registered': 'registered',
          ':at': distributedAt,
          ':rev': revision,
          ':zero': 0,
          ':now': nowMs,
        },
      });
    },

    async markDone(documentId, step) {
      await updateItem(table, {
        Key: distributionKey(documentId),
        UpdateExpression: 'SET #step = :done',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#step': step },
        ExpressionAttributeValues: { ':done': true },
      });
    },

    async claimEvent(documentId, owner, nowMs, untilMs) {
      return updatedIf(table, {
        Key: distributionKey(documentId),
        UpdateExpression: 'SET eventClaimBy = :owner, eventClaimUntil = :until',
        ConditionExpression:
          'attribute_exists(pk) AND attribute_not_exists(eventPublished) AND ' +
          '(attribute_not_exists(eventClaimUntil) OR eventClaimUntil < :now)',
        ExpressionAttributeValues: { ':owner': owner, ':until': untilMs, ':now': nowMs },
      });
    },
  };
}
