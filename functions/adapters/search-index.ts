/**
 * The search entries of distributed documents (design in domain/search.ts), in their own partition
 * per document so that reading a document never reads its entries:
 *
 *   pk = `SEARCH#{documentId}`, sk = `FACET#{facet}`,
 *   gsi3pk = `SEARCH#{facet}`, gsi3sk = `{distributedAt}#{documentId}`   (newest first)
 *   gsi1pk = `SEARCH#{facet}`, gsi1sk = `{symbolKey}#{documentId}`       (`sort=symbol`)
 *   metadata = the public metadata, words = its title words per language.
 *
 * Reads are Queries on gsi3 or gsi1 only (never a Scan); indexing also Queries the document's own
 * partition, to delete the entries of facets it no longer has (after a change of the indexing rules).
 */
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  paginateQuery,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SearchIndexPort } from '../domain/distributor.ts';
import { invalidCursor } from '../domain/errors.ts';
import type { Lang } from '../domain/languages.ts';
import type { DocumentMetadata } from '../domain/public-document.ts';
import {
  cursorScope,
  decodeCursor,
  encodeCursor,
  facetAnswers,
  MAX_EXAMINED,
  matchesQuery,
  queryFacet,
  type SearchQuery,
  searchEntries,
  searchSortKey,
  sortKeyRange,
} from '../domain/search.ts';
import { documentWords } from '../domain/title-words.ts';
import { queryAll } from './query-all.ts';

export interface SearchPage {
  items: DocumentMetadata[];
  /** Present when there may be more: pass it back as `cursor`. */
  cursor?: string;
}

export interface SearchIndex extends SearchIndexPort {
  search(query: SearchQuery): Promise<SearchPage>;
}

const entryKey = (documentId: string, facet: string) => ({
  pk: `SEARCH#${documentId}`,
  sk: `FACET#${facet}`,
});

/** Entries read per Query when the remaining filters are checked on each (a page of `limit` otherwise). */
const FILTERED_READ = 100;

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

async function batchWrite(db: DynamoDBDocumentClient, tableName: string, all: WriteRequest[]): Promise<void> {
  let requests = all;
  for (let attempt = 0; requests.length > 0; attempt++) {
    const chunk = requests.slice(0, 25);
    const { UnprocessedItems } = await db.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: chunk } }),
    );
    const unprocessed = (UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    requests = [...unprocessed, ...requests.slice(25)];
    if (unprocessed.length > 0) {
      if (attempt > 8) throw new Error('DynamoDB kept search entries unprocessed');
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

export function createSearchIndex(db: DynamoDBDocumentClient, tableName: string): SearchIndex {
  return {
    async index(metadata, documentId) {
      const dateKey = searchSortKey(metadata.distributedAt, documentId);
      const words = documentWords(metadata.title);
      const entries = searchEntries(metadata);
      await batchWrite(
        db,
        tableName,
        entries.map(({ facet, symbolKey }) => ({
          PutRequest: {
            Item: {
              ...entryKey(documentId, facet),
              gsi3pk: `SEARCH#${facet}`,
              gsi3sk: dateKey,
              gsi1pk: `SEARCH#${facet}`,
              gsi1sk: `${symbolKey}#${documentId}`,
              documentId,
              metadata,
              words,
            },
          },
        })),
      );
      const current = new Set(entries.map(({ facet }) => `FACET#${facet}`));
      const filed = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `SEARCH#${documentId}` },
        ProjectionExpression: 'pk, sk',
      });
      await batchWrite(
        db,
        tableName,
        filed
          .filter((item) => !current.has(String(item.sk)))
          .map((item) => ({ DeleteRequest: { Key: { pk: item.pk, sk: item.sk } } })),
      );
    },

    async search(query) {
      const facet = queryFacet(query);
      const scope = cursorScope(query);
      let after: string | undefined;
      if (query.cursor !== undefined) {
        const cursor = decodeCursor(query.cursor, scope);
        if (!cursor) throw invalidCursor();
        after = cursor.after;
      }
      const bySymbol = query.sort === 'symbol';
      const index = bySymbol ? 'gsi1' : 'gsi3';
      const conditions = [`${index}pk = :pk`];
      const values: Record<string, unknown> = { ':pk': `SEARCH#${facet}` };
      // In symbol order the date range is one more filter on each entry.
      const range = bySymbol ? {} : sortKeyRange(query);
      if (range.from && range.to) {
        conditions.push('gsi3sk BETWEEN :from AND :to');
        Object.assign(values, { ':from': range.from, ':to': range.to });
      } else if (range.from) {
        conditions.push('gsi3sk >= :from');
        values[':from'] = range.from;
      } else if (range.to) {
        conditions.push('gsi3sk <= :to');
        values[':to'] = range.to;
      }
      // One more than asked tells whether a next page exists, so the last page has no cursor.
      const readSize = facetAnswers(query, facet) ? query.limit + 1 : FILTERED_READ;
      const found: { sortKey: string; metadata: DocumentMetadata }[] = [];
      let examined = 0;
      let lastExamined: string | undefined;
      let more = false;
      let start: Record<string, unknown> | undefined = after
        ? {
            ...entryKey(after.slice(after.lastIndexOf('#') + 1), facet),
            [`${index}pk`]: `SEARCH#${facet}`,
            [`${index}sk`]: after,
          }
        : undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index,
            KeyConditionExpression: conditions.join(' AND '),
            ExpressionAttributeValues: values,
            ScanIndexForward: bySymbol,
            Limit: Math.min(readSize, MAX_EXAMINED - examined),
            ExclusiveStartKey: start,
          }),
        );
        const items = page.Items ?? [];
        for (const [i, item] of items.entries()) {
          const metadata = item.metadata as DocumentMetadata;
          const sortKey = String(item[`${index}sk`]);
          const words = item.words as Partial<Record<Lang, string[]>> | undefined;
          if (matchesQuery(metadata, query, words)) found.push({ sortKey, metadata });
          if (found.length > query.limit) break;
          examined++;
          lastExamined = sortKey;
          if (examined >= MAX_EXAMINED) {
            more = i < items.length - 1 || page.LastEvaluatedKey !== undefined;
            break;
          }
        }
        start = page.LastEvaluatedKey;
      } while (start && found.length <= query.limit && examined < MAX_EXAMINED);
      const items = found.slice(0, query.limit);
      // A full page resumes after its last entry; a page cut short by MAX_EXAMINED after the last
      // entry examined, so the entries the filters rejected are not read again.
      const resume = found.length > query.limit ? items.at(-1)?.sortKey : more ? lastExamined : undefined;
      return {
        items: items.map((entry) => entry.metadata),
        ...(resume ? { cursor: encodeCursor({ facet: scope, after: resume }) } : {}),
      };
    },
  };
}

/**
 * Rewrites the entries of every distributed document from the metadata its `ALL` entry holds (for
 * `distr reindex`); resolves to the number of documents. Reads only Query pages of gsi3.
 */
export async function reindexAll(db: DynamoDBDocumentClient, tableName: string): Promise<number> {
  const index = createSearchIndex(db, tableName);
  let documents = 0;
  const pages = paginateQuery(
    { client: db, pageSize: 100 },
    {
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': 'SEARCH#ALL' },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      await index.index(item.metadata as DocumentMetadata, String(item.documentId));
      documents++;
    }
  }
  return documents;
}
