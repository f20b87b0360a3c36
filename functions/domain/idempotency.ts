/**
 * Idempotency keys (as in the IETF `Idempotency-Key` draft): the first request with a key claims it
 * and reserves the id of what it creates; a repeat with the same body gets the first answer, a
 * repeat with another body is refused, and a repeat while the first still runs waits for it.
 * A claim whose owner died (its lease ran out) is taken over with the same reserved id, so the
 * retry finds what the first attempt may already have written instead of creating a second one.
 */
import { DomainError } from './errors.ts';

export interface IdempotencyRecord<R> {
  requestHash: string;
  status: 'in-progress' | 'done';
  /** The id of the resource the request creates, fixed when the key is first claimed. */
  resourceId: string;
  /** Epoch ms until which an in-progress claim belongs to the request that made it. */
  lockedUntil: number;
  response?: R;
}

export interface IdempotencyKeyRef {
  /** Whose keys these are (one mission's keys never meet another's). */
  scope: string;
  key: string;
}

/** The port an adapter implements (DynamoDB: conditional writes on one item). */
export interface IdempotencyStore<R> {
  /** Claims the key unless a live record exists; returns that record if it does. */
  claim(ref: IdempotencyKeyRef, record: IdempotencyRecord<R>): Promise<IdempotencyRecord<R> | undefined>;
  get(ref: IdempotencyKeyRef): Promise<IdempotencyRecord<R> | undefined>;
  /** Takes over a stale claim, if its lease is still the one seen; false if someone else did. */
  takeOver(ref: IdempotencyKeyRef, seenLockedUntil: number, lockedUntil: number): Promise<boolean>;
  complete(ref: IdempotencyKeyRef, response: R): Promise<void>;
  /** Drops an in-progress claim after a failure, so a retry starts afresh. */
  release(ref: IdempotencyKeyRef): Promise<void>;
}

export type IdempotencyOutcome<R> = { kind: 'fresh'; response: R } | { kind: 'replay'; response: R };

/** A key reused with another body (the caller's mistake), or a first request still under way. */
export class IdempotencyConflict extends DomainError {
  readonly reason: 'different-body' | 'in-progress';
  constructor(reason: 'different-body' | 'in-progress', message: string) {
    super(
      reason === 'different-body' ? 'invalid' : 'conflict',
      message,
      reason === 'different-body'
        ? [{ field: 'Idempotency-Key', message: 'already used with a different body; use a new key' }]
        : [],
    );
    this.name = 'IdempotencyConflict';
    this.reason = reason;
  }
}

export interface IdempotencyOptions {
  leaseMs?: number;
  /** How long a repeat waits for the first request to finish before answering 409. */
  waitMs?: number;
  now?: () => number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runIdempotent<R>(
  store: IdempotencyStore<R>,
  ref: IdempotencyKeyRef,
  request: { requestHash: string; newResourceId: () => string },
  run: (resourceId: string) => Promise<R>,
  { leaseMs = 30_000, waitMs = 5_000, now = Date.now }: IdempotencyOptions = {},
): Promise<IdempotencyOutcome<R>> {
  const started = now();
  const mine: IdempotencyRecord<R> = {
    requestHash: request.requestHash,
    status: 'in-progress',
    resourceId: request.newResourceId(),
    lockedUntil: started + leaseMs,
  };
  let existing = await store.claim(ref, mine);
  let resourceId = mine.resourceId;
  for (let attempt = 0; existing; attempt++) {
    if (existing.requestHash !== request.requestHash) {
      throw new IdempotencyConflict(
        'different-body',
        'This Idempotency-Key was already used with a different request body.',
      );
    }
    if (existing.status === 'done' && existing.response !== undefined) {
      return { kind: 'replay', response: existing.response };
    }
    const lockedUntil = now() + leaseMs;
    if (existing.lockedUntil < now() && (await store.takeOver(ref, existing.lockedUntil, lockedUntil))) {
      resourceId = existing.resourceId;
      break;
    }
    if (now() - started > waitMs) {
      throw new IdempotencyConflict(
        'in-progress',
        'A request with this Idempotency-Key is still being processed; retry shortly.',
      );
    }
    await sleep(Math.min(50 * 2 ** attempt, 500));
    existing = await store.get(ref);
    if (!existing) {
      // The first request failed and let go of the key: try to claim it again.
      existing = await store.claim(ref, { ...mine, lockedUntil: now() + leaseMs });
    }
  }
  let response: R;
  try {
    response = await run(resourceId);
  } catch (error) {
    await store.release(ref).catch(() => undefined);
    throw error;
  }
  await store.complete(ref, response);
  return { kind: 'fresh', response };
}
