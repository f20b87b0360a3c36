import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoIdempotencyStore } from '../functions/adapters/idempotency-store.ts';
import {
  IdempotencyConflict,
  type IdempotencyKeyRef,
  type IdempotencyRecord,
  type IdempotencyStore,
  runIdempotent,
} from '../functions/domain/idempotency.ts';
import { requestHash } from '../functions/domain/submissions-service.ts';

/** The port over a Map, with the same conditional semantics as the DynamoDB adapter. */
function memoryStore<R>(): IdempotencyStore<R> & { records: Map<string, IdempotencyRecord<R>> } {
  const records = new Map<string, IdempotencyRecord<R>>();
  const k = (ref: IdempotencyKeyRef) => `${ref.scope}#${ref.key}`;
  return {
    records,
    async claim(ref, record) {
      const existing = records.get(k(ref));
      if (existing) return structuredClone(existing);
      records.set(k(ref), structuredClone(record));
      return undefined;
    },
    async get(ref) {
      const r = records.get(k(ref));
      return r && structuredClone(r);
    },
    async takeOver(ref, seen, lockedUntil) {
      const r = records.get(k(ref));
      if (r?.status !== 'in-progress' || r.lockedUntil !== seen) return false;
      r.lockedUntil = lockedUntil;
      return true;
    },
    async complete(ref, response) {
      const r = records.get(k(ref));
      if (r) Object.assign(r, { status: 'done', response });
    },
    async release(ref) {
      if (records.get(k(ref))?.status === 'in-progress') records.delete(k(ref));
    },
  };
}

const ref = { scope: 'mission#DEU', key: 'k1' };
let ids = 0;
const newResourceId = () => `id-${++ids}`;

describe('runIdempotent', () => {
  it('runs once for concurrent repeats and gives every one the first answer', async () => {
    const store = memoryStore<string>();
    let runs = 0;
    const work = async (id: string) => {
      runs++;
      await new Promise((r) => setTimeout(r, 30));
      return `created ${id}`;
    };
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => runIdempotent(store, ref, { requestHash: 'h', newResourceId }, work)),
    );
    expect(runs).toBe(1);
    expect(new Set(outcomes.map((o) => o.response)).size).toBe(1);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['fresh', 'replay', 'replay']);
  });

  it('refuses the key with another body', async () => {
    const store = memoryStore<string>();
    await runIdempotent(store, ref, { requestHash: 'h1', newResourceId }, async () => 'first');
    await expect(
      runIdempotent(store, ref, { requestHash: 'h2', newResourceId }, async () => 'second'),
    ).rejects.toMatchObject({ reason: 'different-body' });
  });

  it('lets go of the key when the work fails, so a retry runs', async () => {
    const store = memoryStore<string>();
    await expect(
      runIdempotent(store, ref, { requestHash: 'h', newResourceId }, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const retry = await runIdempotent(store, ref, { requestHash: 'h', newResourceId }, async (id) => id);
    expect(retry.kind).toBe('fresh');
  });

  it('takes over a claim whose owner died, with the resource id it reserved', async () => {
    let now = 1_000_000;
    const store = memoryStore<string>();
    store.records.set('mission#DEU#k1', {
      requestHash: 'h',
      status: 'in-progress',
      resourceId: 'reserved-by-the-dead',
      lockedUntil: now - 1,
    });
    const outcome = await runIdempotent(store, ref, { requestHash: 'h', newResourceId }, async (id) => id, {
      now: () => now++,
    });
    expect(outcome).toEqual({ kind: 'fresh', response: 'reserved-by-the-dead' });
  });

  it('answers in-progress (409) when the first request outlives the wait', async () => {
    const store = memoryStore<string>();
    store.records.set('mission#DEU#k1', {
      requestHash: 'h',
      status: 'in-progress',
      resourceId: 'r',
      lockedUntil: Date.now() + 60_000,
    });
    const attempt = runIdempotent(store, ref, { requestHash: 'h', newResourceId }, async () => 'x', {
      waitMs: 100,
    });
    await expect(attempt).rejects.toBeInstanceOf(IdempotencyConflict);
    await expect(attempt).rejects.toMatchObject({ reason: 'in-progress' });
  });
});

describe('requestHash', () => {
  it('ignores key order but not values', () => {
    expect(requestHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(
      requestHash({ b: { d: 'x', c: [1, 2] }, a: 1 }),
    );
    expect(requestHash({ a: 1, b: [1, 2] })).not.toBe(requestHash({ a: 1, b: [2, 1] }));
    expect(requestHash({ a: '1' })).not.toBe(requestHash({ a: 1 }));
  });
});

describe('the DynamoDB idempotency store', () => {
  const ddb = mockClient(DynamoDBDocumentClient);
  afterEach(() => ddb.reset());
  const store = () =>
    dynamoIdempotencyStore<string>({
      db: DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' })),
      tableName: 'table',
      now: () => 1_700_000_000_000,
    });
  const record: IdempotencyRecord<string> = {
    requestHash: 'h',
    status: 'in-progress',
    resourceId: 'r',
    lockedUntil: 5,
  };

  it('claims with a conditional put that also reclaims expired records, and a 24 h TTL', async () => {
    ddb.on(PutCommand).resolves({});
    expect(await store().claim(ref, record)).toBeUndefined();
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      TableName: 'table',
      Item: {
        pk: 'IDEMPOTENCY#mission#DEU#k1',
        sk: 'IDEMPOTENCY',
        ...record,
        expiresAt: 1_700_000_000 + 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
      ExpressionAttributeValues: { ':now': 1_700_000_000 },
    });
  });

  it('returns the holder of a taken key, read consistently', async () => {
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));
    ddb.on(GetCommand).resolves({
      Item: { ...record, status: 'done', response: 'first', requestHash: 'other', expiresAt: 1_800_000_000 },
    });
    expect(await store().claim(ref, record)).toEqual({
      ...record,
      status: 'done',
      response: 'first',
      requestHash: 'other',
    });
    expect(ddb).toHaveReceivedCommandWith(GetCommand, { ConsistentRead: true });
  });

  it('treats a record past its expiry as gone', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...record, expiresAt: 1_600_000_000 } });
    expect(await store().get(ref)).toBeUndefined();
  });
});
