/**
 * The search entries of distributed documents (design in domain/search.ts), in their own partition
 * per document so that reading a document never reads its entries:
 *
 *   pk = `SEARCH#{documentId}`, sk = `FACET#{facet}`, gsi3pk = `SEARCH#{facet}`,
 *   gsi3sk = `{distributedAt}#{documentId}`, metadata = the public metadata.
 *
 * Reads are Queries on gsi3 only (never a Scan).
 */
import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { SearchIndexPort } from '../domain/distributor.ts';
import { invalidCursor } from '../domain/errors.ts';
import type { DocumentMetadata } from '../domain/public-document.ts';
import {
  decodeCursor,
  encodeCursor,
  matchesQuery,
  queryFacet,
  type SearchQuery,
  searchFacets,
  searchSortKey,
  sortKeyRange,
} from '../domain/search.ts';

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

export function createSearchIndex(db: DynamoDBDocumentClient, tableName: string): SearchIndex {
  return {
    async index(metadata, documentId) {
      const sortKey = searchSortKey(metadata.distributedAt, documentId);
      let requests = searchFacets(metadata).map((facet) => ({
        PutRequest: {
          Item: {
            ...entryKey(documentId, facet),
            gsi3pk: `SEARCH#${facet}`,
            gsi3sk: sortKey,
            documentId,
            metadata,
          },
        },
      }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        const chunk = requests.slice(0, 25);
        const { UnprocessedItems } = await db.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: chunk } }),
        );
        const unprocessed = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
        requests = [...unprocessed, ...requests.slice(25)];
        if (unprocessed.length > 0) {
          if (attempt > 8) throw new Error('DynamoDB kept search entries unprocessed');
          await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        }
      }
    },

    async search(query) {
      const facet = queryFacet(query);
      let after: string | undefined;
      if (query.cursor !== undefined) {
        const cursor = decodeCursor(query.cursor, facet);
        if (!cursor) throw invalidCursor();
        after = cursor.after;
      }
      const range = sortKeyRange(query);
      const conditions = ['gsi3pk = :pk'];
      const values: Record<string, unknown> = { ':pk': `SEARCH#${facet}` };
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
      const found: { sortKey: string; metadata: DocumentMetadata }[] = [];
      let start: Record<string, unknown> | undefined = after
        ? {
            ...entryKey(after.slice(after.lastIndexOf('#') + 1), facet),
            gsi3pk: `SEARCH#${facet}`,
            gsi3sk: after,
          }
        : undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: 'gsi3',
            KeyConditionExpression: conditions.join(' AND '),
            ExpressionAttributeValues: values,
            ScanIndexForward: false,
            Limit: query.limit + 1,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) {
          const metadata = item.metadata as DocumentMetadata;
          if (matchesQuery(metadata, query)) found.push({ sortKey: String(item.gsi3sk), metadata });
          if (found.length > query.limit) break;
        }
        start = page.LastEvaluatedKey;
      } while (start && found.length <= query.limit);
      const items = found.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map((entry) => entry.metadata),
        ...(found.length > query.limit && last
          ? { cursor: encodeCursor({ facet, after: last.sortKey }) }
          : {}),
      };
    },
  };
}
