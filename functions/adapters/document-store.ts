import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Version } from '../domain/document.ts';
import { isLang, type Lang } from '../domain/languages.ts';
import type { DocumentPort, RegistrationPort, RegistrationRecord } from '../domain/registrar.ts';
import type { RegisteredDocument } from '../domain/registration.ts';
import { parseJointSymbol } from '../domain/symbols.ts';
import { queryAll } from './query-all.ts';
import { createItem, ifConditionHolds, readItem, updatedIf, updateIf } from './table.ts';

const documentKey = (id: string) => ({ pk: `DOCUMENT#${id}`, sk: 'DOCUMENT' });
const versionKey = (id: string, lang: Lang) => ({ pk: `DOCUMENT#${id}`, sk: `VERSION#${lang}` });
const NAME_PREFIX = { symbol: 'SYMBOL', job: 'JOB' } as const;
const nameKey = (kind: 'symbol' | 'job', name: string) => ({
  pk: `${NAME_PREFIX[kind]}#${name}`,
  sk: NAME_PREFIX[kind],
});
const registrationKey = (key: string) => ({ pk: `REGISTRATION#${key}`, sk: 'REGISTRATION' });

export function createDocumentStore(db: DynamoDBDocumentClient, tableName: string): DocumentPort {
  const table = { db, tableName };
  async function get(id: string): Promise<RegisteredDocument | undefined> {
    const items = await queryAll(db, {
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `DOCUMENT#${id}` },
      ConsistentRead: true,
    });
    const head = items.find((item) => item.sk === 'DOCUMENT');
    if (!head) return undefined;
    const versions: Partial<Record<Lang, Version>> = {};
    for (const item of items) {
      const lang = String(item.sk).replace(/^VERSION#/, '');
      if (item.sk !== 'DOCUMENT' && isLang(lang)) versions[lang] = item.version as Version;
    }
    // Keys and the version-write bookkeeping (distribution-store.ts) are the table's, not the document's.
    const {
      pk: _pk,
      sk: _sk,
      gsi1pk,
      gsi1sk,
      gsi2pk,
      gsi2sk,
      versionsRevision,
      versionWriters,
      versionWriteUntil,
      ...document
    } = head;
    return { ...(document as unknown as Omit<RegisteredDocument, 'versions'>), versions };
  }

  async function findBySymbol(symbol: string): Promise<RegisteredDocument | undefined> {
    const parts = parseJointSymbol(symbol);
    if (!parts.ok || parts.value.length === 0) return undefined;
    const name = await readItem(table, nameKey('symbol', parts.value[0] as string));
    if (typeof name?.documentId !== 'string') return undefined;
    const document = await get(name.documentId);
    // A joint form resolves only if every symbol in it is the document's.
    if (!document || !parts.value.every((part) => document.symbols.includes(part))) return undefined;
    return document;
  }

  async function claimName(
    kind: 'symbol' | 'job',
    name: string,
    documentId: string,
  ): Promise<string | undefined> {
    const claimed = await ifConditionHolds(
      db.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...nameKey(kind, name), documentId, name },
          ConditionExpression: 'attribute_not_exists(pk) OR documentId = :id',
          ExpressionAttributeValues: { ':id': documentId },
        }),
      ),
    );
    if (claimed) return undefined;
    const holder = await readItem(table, nameKey(kind, name));
    return String(holder?.documentId);
  }

  async function put(document: RegisteredDocument): Promise<void> {
    // Each item only if absent: one that exists was written by an earlier attempt of the same registration.
    const { versions, ...head } = document;
    await Promise.all(
      (Object.entries(versions) as [Lang, Version][]).map(([lang, version]) =>
        createItem(table, { ...versionKey(document.id, lang), version }),
      ),
    );
    await createItem(table, {
      ...documentKey(document.id),
      ...head,
      gsi1pk: 'DOCUMENTS',
      gsi1sk: `${document.issued}#${document.id}`,
      ...(document.base
        ? { gsi2pk: `FOLLOWUPS#${document.base.id}`, gsi2sk: `${document.registeredAt}#${document.id}` }
        : {}),
    });
  }

  return { get, findBySymbol, claimName, put };
}

/** How many follow-ups of one document a page lists (addenda, corrigenda, revisions: a handful). */
export const MAX_FOLLOWUPS = 50;

/**
 * The follow-ups registered from a document, oldest first, by the `FOLLOWUPS#{id}` entries `put`
 * writes on gsi2: their symbols only (whether each is public is the caller's to check).
 */
export function createFollowupIndex(db: DynamoDBDocumentClient, tableName: string) {
  return {
    async followupsOf(documentId: string): Promise<string[]> {
      const { Items } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': `FOLLOWUPS#${documentId}` },
          Limit: MAX_FOLLOWUPS,
        }),
      );
      return (Items ?? []).flatMap((item) => (typeof item.symbol === 'string' ? [item.symbol] : []));
    },
  };
}
export type FollowupIndex = ReturnType<typeof createFollowupIndex>;

function toRecord(key: string, item: Record<string, unknown> | undefined): RegistrationRecord | undefined {
  if (!item) return undefined;
  return {
    key,
    owner: String(item.owner),
    leaseUntil: Number(item.leaseUntil),
    state: item.state === 'done' ? 'done' : 'pending',
    documentId: String(item.documentId),
    issued: String(item.issued),
    startedAt: String(item.startedAt),
    request: (item.request as Record<string, string>) ?? {},
    numbers: (item.numbers as Record<string, number>) ?? {},
  };
}

export function createRegistrationStore(db: DynamoDBDocumentClient, tableName: string): RegistrationPort {
  const table = { db, tableName };
  const get = async (key: string): Promise<RegistrationRecord | undefined> =>
    toRecord(key, await readItem(table, registrationKey(key)));

  return {
    get,

    async claim(key, proposal, nowMs) {
      const claimed = await updateIf(table, {
        Key: registrationKey(key),
        // A takeover keeps what the first holder fixed: document id, issue date, numbers.
        UpdateExpression:
          'SET #owner = :owner, leaseUntil = :until, documentId = if_not_exists(documentId, :documentId), ' +
          'issued = if_not_exists(issued, :issued), startedAt = if_not_exists(startedAt, :startedAt), #request = if_not_exists(#request, :request), ' +
          '#numbers = if_not_exists(#numbers, :none), #state = if_not_exists(#state, :pending), ' +
          'claims = if_not_exists(claims, :zero) + :one',
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :pending AND leaseUntil < :now)',
        ExpressionAttributeNames: {
          '#owner': 'owner',
          '#request': 'request',
          '#numbers': 'numbers',
          '#state': 'state',
        },
        ExpressionAttributeValues: {
          ':owner': proposal.owner,
          ':until': proposal.leaseUntil,
          ':documentId': proposal.documentId,
          ':issued': proposal.issued,
          ':startedAt': proposal.startedAt,
          ':request': proposal.request,
          ':none': {},
          ':pending': 'pending',
          ':zero': 0,
          ':one': 1,
          ':now': nowMs,
        },
        ReturnValues: 'ALL_NEW',
      });
      if (claimed) return { won: true, record: toRecord(key, claimed.Attributes) };
      return { won: false, record: await get(key) };
    },

    async recordNumbers(key, owner, numbers) {
      const entries = Object.entries(numbers);
      const names: Record<string, string> = { '#owner': 'owner', '#numbers': 'numbers' };
      const values: Record<string, unknown> = { ':owner': owner };
      entries.forEach(([counter, n], index) => {
        names[`#c${index}`] = counter;
        values[`:n${index}`] = n;
      });
      return updatedIf(table, {
        Key: registrationKey(key),
        UpdateExpression: `SET ${entries.map((_, index) => `#numbers.#c${index} = :n${index}`).join(', ')}`,
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      });
    },

    async complete(key, owner) {
      // Where the condition fails, another holder took over and finishes (or finished) the same document.
      await updateIf(table, {
        Key: registrationKey(key),
        UpdateExpression: 'SET #state = :done',
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#state': 'state', '#owner': 'owner' },
        ExpressionAttributeValues: { ':done': 'done', ':owner': owner },
      });
    },
  };
}
