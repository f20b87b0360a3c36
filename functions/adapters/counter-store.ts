/**
 * Number counters in DynamoDB: the numbering series (`A/79`, `S/2025`, `E/2025`, `job/25`) and the
 * follow-up counters (`followup:A/79/923#Add`). One item per counter holding `last`, the highest
 * number handed out; a draw is one atomic `ADD last :one`, so concurrent draws never share a number.
 *
 * Item: `pk = COUNTER#{key}`, `sk = COUNTER`, `counter` (the key), `last`. Numbering series also
 * carry `gsi1pk = SERIES`, `gsi1sk = {key}`, which is how `GET /v1/series` lists them.
 */

import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DomainError } from '../domain/errors.ts';
import { parseSeriesKey, seriesCapacity } from '../domain/series.ts';
import { queryAll } from './query-all.ts';
import { isConditionFailure, readItem, updateIf, updateItem } from './table.ts';

export interface SeriesState {
  series: string;
  /** The number the next draw hands out. */
  next: number;
}

export type SetNextResult = { ok: true; state: SeriesState } | { ok: false; current: SeriesState };

/** Thrown when a series has handed out its last possible number. */
export class CounterExhaustedError extends DomainError {
  readonly key: string;
  constructor(key: string, capacity: number) {
    super('conflict', `Series ${key} has handed out its last number (${capacity}).`);
    this.name = 'CounterExhaustedError';
    this.key = key;
  }
}

const key = (counter: string) => ({ pk: `COUNTER#${counter}`, sk: 'COUNTER' });
const SERIES_INDEX_PK = 'SERIES';

/** Numbering series are listed (gsi1) and capped by the grammar; follow-up counters are neither. */
function seriesOf(counter: string) {
  const parsed = parseSeriesKey(counter);
  return parsed.ok ? { capacity: seriesCapacity(parsed.value) } : undefined;
}

export function createCounterStore(db: DynamoDBDocumentClient, tableName: string) {
  const table = { db, tableName };
  const listed = (counter: string) =>
    seriesOf(counter) ? { ':gpk': SERIES_INDEX_PK, ':gsk': counter } : undefined;

  async function draw(counter: string): Promise<number> {
    const series = seriesOf(counter);
    const index = listed(counter);
    try {
      const { Attributes } = await updateItem(table, {
        Key: key(counter),
        UpdateExpression: `SET #counter = :counter${index ? ', gsi1pk = :gpk, gsi1sk = :gsk' : ''} ADD #last :one`,
        ...(series ? { ConditionExpression: 'attribute_not_exists(#last) OR #last < :capacity' } : {}),
        ExpressionAttributeNames: { '#counter': 'counter', '#last': 'last' },
        ExpressionAttributeValues: {
          ':counter': counter,
          ':one': 1,
          ...(series ? { ':capacity': series.capacity } : {}),
          ...index,
        },
        ReturnValues: 'UPDATED_NEW',
      });
      return Number(Attributes?.last);
    } catch (error) {
      if (isConditionFailure(error) && series) {
        throw new CounterExhaustedError(counter, series.capacity);
      }
      throw error;
    }
  }

  /**
   * The number the next draw would hand out, read without drawing it (a forecast may be overtaken
   * by a draw meanwhile). A series with no number left is refused as its draw would be.
   */
  async function peek(counter: string): Promise<number> {
    const item = await readItem(table, key(counter));
    const next = Number(item?.last ?? 0) + 1;
    const series = seriesOf(counter);
    if (series && next > series.capacity) throw new CounterExhaustedError(counter, series.capacity);
    return next;
  }

  async function get(counter: string): Promise<SeriesState> {
    const item = await readItem(table, key(counter));
    return { series: counter, next: Number(item?.last ?? 0) + 1 };
  }

  /**
   * Moves a series forward so its next draw hands out `next`. Never backwards: `next` below the
   * current next is refused with the current state (setting the same value again succeeds).
   */
  async function setNext(series: string, next: number): Promise<SetNextResult> {
    const set = await updateIf(table, {
      Key: key(series),
      UpdateExpression: 'SET #counter = :counter, gsi1pk = :gpk, gsi1sk = :gsk, #last = :last',
      ConditionExpression: 'attribute_not_exists(#last) OR #last <= :last',
      ExpressionAttributeNames: { '#counter': 'counter', '#last': 'last' },
      ExpressionAttributeValues: {
        ':counter': series,
        ':gpk': SERIES_INDEX_PK,
        ':gsk': series,
        ':last': next - 1,
      },
      ReturnValues: 'ALL_NEW',
    });
    if (!set) return { ok: false, current: await get(series) };
    return { ok: true, state: { series, next: Number(set.Attributes?.last) + 1 } };
  }

  /** Every numbering series ever drawn from or set, by key. */
  async function list(): Promise<SeriesState[]> {
    const items = await queryAll(db, {
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :gpk',
      ExpressionAttributeValues: { ':gpk': SERIES_INDEX_PK },
    });
    return items.map((item) => ({ series: String(item.counter), next: Number(item.last ?? 0) + 1 }));
  }

  return { draw, peek, get, setNext, list };
}

export type CounterStore = ReturnType<typeof createCounterStore>;
