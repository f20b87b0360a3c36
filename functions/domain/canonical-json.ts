/**
 * Canonical JSON, for every digest taken of a JSON value (an idempotent request's body, what a PDF
 * was rendered from): object keys sorted, so the digest does not depend on the order a client or
 * DynamoDB gives map keys in. Otherwise the text is exactly `JSON.stringify`'s.
 */
import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

// Strict: a value JSON cannot hold (a function, a bigint, a cycle) is a bug, not something to hash.
const stringify = configure({ deterministic: true, strict: true });

/** JSON text with every object's keys in code-unit order; `undefined` members are left out. */
export function canonicalJson(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

/** SHA-256 (hex) of the canonical JSON of a value. */
export const jsonDigest = (value: unknown): string =>
  createHash('sha256').update(canonicalJson(value)).digest('hex');
