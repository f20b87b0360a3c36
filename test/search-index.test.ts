/**
 * The search index adapter against a mocked DynamoDB that answers Queries the way DynamoDB does (key
 * conditions, order, Limit, ExclusiveStartKey) over the items the adapter wrote: every read is a
 * Query on an index, never a Scan, and a request reads a bounded number of entries.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSearchIndex, reindexAll } from '../functions/adapters/search-index.ts';
import type { DocumentMetadata } from '../functions/domain/public-document.ts';
import { MAX_EXAMINED, parseSearchQuery, type SearchQuery } from '../functions/domain/search.ts';
import { documentMetadata } from './support/fixtures.ts';

const TABLE = 'distr';
const dbMock = mockClient(DynamoDBDocumentClient);
let table: Map<string, Record<string, unknown>>;
const items = () => [...table.values()];

const key = (item: Record<string, unknown>) => `${item.pk}\u0000${item.sk}`;

/** DynamoDB's Query, for the expressions the adapter writes. */
function query(input: QueryCommandInput) {
  const index = input.IndexName;
  const pkName = index ? `${index}pk` : 'pk';
  const skName = index ? `${index}sk` : 'sk';
  const values = input.ExpressionAttributeValues ?? {};
  const condition = input.KeyConditionExpression ?? '';
  const sk = (item: Record<string, unknown>) => String(item[skName]);
  let matched = items()
    .filter((item) => item[pkName] === values[':pk'] && item[skName] !== undefined)
    .filter((item) => {
      if (condition.includes('BETWEEN')) return sk(item) >= values[':from'] && sk(item) <= values[':to'];
      if (condition.includes('>=')) return sk(item) >= values[':from'];
      if (condition.includes('<=')) return sk(item) <= values[':to'];
      return true;
    })
    .sort((a, b) => (sk(a) < sk(b) ? -1 : sk(a) > sk(b) ? 1 : key(a) < key(b) ? -1 : 1));
  if (input.ScanIndexForward === false) matched.reverse();
  const start = input.ExclusiveStartKey;
  if (start) {
    const at = matched.findIndex((item) => key(item) === key(start));
    matched = matched.slice(at + 1);
  }
  const page = matched.slice(0, input.Limit ?? matched.length);
  const last = page.at(-1);
  const more = input.Limit !== undefined && matched.length > input.Limit;
  return {
    Items: page,
    ...(more && last
      ? {
          LastEvaluatedKey: {
            pk: last.pk,
            sk: last.sk,
            ...(index ? { [pkName]: last[pkName], [skName]: last[skName] } : {}),
          },
        }
      : {}),
  };
}

function batchWrite(input: BatchWriteCommandInput) {
  for (const request of input.RequestItems?.[TABLE] ?? []) {
    const put = request.PutRequest?.Item;
    const del = request.DeleteRequest?.Key;
    if (put) table.set(key(put), put);
    if (del) table.delete(key(del));
  }
  return {};
}

const search = createSearchIndex(
  DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
  TABLE,
);

const parse = (params: Record<string, string>): SearchQuery => {
  const parsed = parseSearchQuery(params);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.query;
};

/** Document n, distributed n minutes after 2025-06-01 09:00. */
const doc = (n: number, over: Partial<DocumentMetadata> = {}): DocumentMetadata =>
  documentMetadata({
    symbol: `A/79/${100 + n}`,
    symbols: [`A/79/${100 + n}`],
    jobNumber: `25-${String(20000 + n)}`,
    distributedAt: new Date(Date.UTC(2025, 5, 1, 9, n)).toISOString(),
    title: { en: `Common letter ${n}` },
    ...over,
  });

beforeEach(() => {
  table = new Map();
  dbMock.reset();
  dbMock.on(QueryCommand).callsFake(query);
  dbMock.on(BatchWriteCommand).callsFake(batchWrite);
});

const sent = () => dbMock.calls().map((call) => call.args[0].constructor.name);

describe('search index adapter', () => {
  it('answers every search with Queries of an index, never a Scan', async () => {
    for (let n = 0; n < 12; n++) await search.index(doc(n), `id-${n}`);
    dbMock.resetHistory();
    const queries: Record<string, string>[] = [
      {},
      { symbol: 'A/79/*' },
      { symbol: '*/105' },
      { job: '25-20003' },
      { q: 'common letter' },
      { q: 'letter', lang: 'en', sort: 'symbol' },
      { organ: 'GA', from: '2025-06-01', to: '2025-06-01', sort: 'symbol' },
    ];
    for (const params of queries) {
      const page = await search.search(parse({ ...params, limit: '5' }));
      expect(page.items.length, JSON.stringify(params)).toBeGreaterThan(0);
    }
    expect(dbMock).not.toHaveReceivedCommand(ScanCommand);
    expect(new Set(sent())).toEqual(new Set(['QueryCommand']));
    for (const call of dbMock.commandCalls(QueryCommand)) {
      expect(['gsi1', 'gsi3']).toContain(call.args[0].input.IndexName);
    }
  });

  it('reads symbol order on gsi1 and newest first on gsi3', async () => {
    for (const n of [9, 10, 1]) await search.index(doc(n), `id-${n}`);
    const bySymbol = await search.search(parse({ sort: 'symbol' }));
    expect(bySymbol.items.map((d) => d.symbol)).toEqual(['A/79/101', 'A/79/109', 'A/79/110']);
    const newest = await search.search(parse({}));
    expect(newest.items.map((d) => d.symbol)).toEqual(['A/79/110', 'A/79/109', 'A/79/101']);
  });

  it('examines at most MAX_EXAMINED entries a request, and the cursor resumes after them', async () => {
    const total = MAX_EXAMINED + 40;
    for (let n = 0; n < total; n++) {
      // Only the oldest document also has the word "Myanmar", which the filter checks on each entry.
      const title = n === 0 ? 'Common letters on Myanmar' : `Common letters ${n}`;
      await search.index(doc(n, { title: { en: title } }), `id-${n}`);
    }
    dbMock.resetHistory();
    const first = await search.search(parse({ q: 'common letters myanmar', lang: 'en' }));
    expect(first.items).toEqual([]);
    expect(first.cursor).toBeDefined();
    const read = dbMock
      .commandCalls(QueryCommand)
      .reduce((sum, call) => sum + (call.args[0].input.Limit ?? 0), 0);
    expect(read).toBeLessThanOrEqual(MAX_EXAMINED);
    const second = await search.search(
      parse({ q: 'common letters myanmar', lang: 'en', cursor: first.cursor ?? '' }),
    );
    expect(second.items.map((d) => d.symbol)).toEqual(['A/79/100']);
    expect(second.cursor).toBeUndefined();
  });

  it('reindexes documents filed before the job, symbol and word facets, from their ALL entries', async () => {
    for (let n = 0; n < 3; n++) {
      const metadata = doc(n);
      const legacy = { documentId: `old-${n}`, metadata };
      for (const facet of ['ALL', `SYMBOL#${metadata.symbol}`]) {
        const item = {
          pk: `SEARCH#old-${n}`,
          sk: `FACET#${facet}`,
          gsi3pk: `SEARCH#${facet}`,
          gsi3sk: `${metadata.distributedAt}#old-${n}`,
          ...legacy,
        };
        table.set(key(item), item);
      }
    }
    expect((await search.search(parse({ job: '25-20001' }))).items).toEqual([]);
    expect((await search.search(parse({ sort: 'symbol' }))).items).toEqual([]);
    dbMock.resetHistory();
    expect(await reindexAll(DynamoDBDocumentClient.from(new DynamoDBClient({})), TABLE)).toBe(3);
    expect(dbMock).not.toHaveReceivedCommand(ScanCommand);
    expect((await search.search(parse({ job: '25-20001' }))).items.map((d) => d.symbol)).toEqual([
      'A/79/101',
    ]);
    expect((await search.search(parse({ sort: 'symbol' }))).items).toHaveLength(3);
    expect((await search.search(parse({ q: 'common' }))).items).toHaveLength(3);
  });

  it('rewrites a document in place and drops the entries of facets it no longer has', async () => {
    await search.index(doc(1, { title: { en: 'Report on Mali' } }), 'id-1');
    await search.index(doc(1, { title: { en: 'Report on Chad' } }), 'id-1');
    expect((await search.search(parse({ q: 'mali' }))).items).toEqual([]);
    expect((await search.search(parse({ q: 'chad' }))).items).toHaveLength(1);
    expect(items().filter((item) => item.sk === 'FACET#WORD#report')).toHaveLength(1);
  });
});
