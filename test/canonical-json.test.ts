/**
 * The one canonical JSON behind every digest. The pinned digests were taken with the two
 * implementations this module replaced, so stored idempotency records and PDF sources written
 * before still match.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonDigest } from '../functions/domain/canonical-json.ts';
import { renderSource } from '../functions/domain/distribution.ts';
import { documentSchema } from '../functions/domain/document.ts';
import { requestHash } from '../functions/domain/submissions-service.ts';

const FIXTURE = new URL('./fixtures/A-79-923-S-2025-341.json', import.meta.url);
const RAW = JSON.parse(readFileSync(FIXTURE, 'utf8'));

describe('canonicalJson', () => {
  it('sorts keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: [2, { z: 1, a: 2 }], a: 'x' })).toBe('{"a":"x","b":[2,{"a":2,"z":1}]}');
  });

  it('orders keys by code unit, as JSON.stringify spells values', () => {
    const body = { y: 1, Y: 2, ä: 3, '10': 4, '9': 5, s: 'x\u2028"é', n: -0.5 };
    expect(canonicalJson(body)).toBe('{"10":4,"9":5,"Y":2,"n":-0.5,"s":"x\u2028\\"é","y":1,"ä":3}');
  });

  it('leaves out undefined members, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow();
  });
});

describe('digests stay what they were', () => {
  it('of a request body', () => {
    const body = { b: [1, { z: 'é', a: null }], a: 'x\u2028"', n: -0.5 };
    expect(requestHash(body)).toBe('b0917f46884ac08625b18d3600c41fae83014c96340f62069cffe3e6661b3029');
    expect(jsonDigest(RAW)).toBe('bb76cdc21008241907cfdfd2f7337e80294467d622938777c762d898e9015329');
    expect(requestHash(RAW)).toBe(jsonDigest(RAW));
  });

  it('of what a PDF is rendered from', () => {
    const document = documentSchema.parse(RAW);
    expect(renderSource(document, 'en', 'https://distr.example')).toBe(
      '106af8e2e864445ef700d86fc5ca44b817a97e4dcf0c3af020d1c946199df18a',
    );
    expect(renderSource(document, 'ar', 'https://distr.example')).toBe(
      'c0881183feefc36f287c3ed73a4cf727883089f01b1459be47cfa3f45c4344a0',
    );
  });
});
