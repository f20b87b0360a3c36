/**
 * The `Idempotency-Key` request header, read the same way on every route that honours it: 1 to 255
 * visible ASCII characters (a UUID fits; a structured-field string in double quotes is accepted
 * too). Anything else is a 400 naming the header, since a key the client cannot trust to dedupe is
 * worse than none.
 */
import type { HttpEvent } from './http-api.ts';
import { Problem } from './problem.ts';

const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{1,255}$/;

export function idempotencyKeyOf(event: HttpEvent): string | undefined {
  const raw = event.headers?.['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = raw.trim().replace(/^"(.*)"$/, '$1');
  if (!IDEMPOTENCY_KEY_RE.test(key)) {
    throw Problem.invalid(400, 'The Idempotency-Key header is not valid.', [
      { name: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters, e.g. a UUID' },
    ]);
  }
  return key;
}
