/** The HTTP client of the tests: JSON requests to a running Distr and its answers, parsed. */
import { expect } from 'vitest';
import type { Runtime } from '../../functions/local/runtime.ts';

/** An answer with its body parsed as JSON (`undefined` when empty). */
// biome-ignore lint/suspicious/noExplicitAny: test answers are inspected field by field
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  /** Sent as `Authorization: Bearer …`. */
  token?: string;
  /** The whole Authorization header, as it is (for malformed credentials); wins over `token`. */
  authorization?: string;
  /** Sent as JSON; a string is sent as it is, with no content type. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request to `distr` (a running instance or its base URL). */
// biome-ignore lint/suspicious/noExplicitAny: see Answer
export async function call<T = any>(
  distr: Pick<Runtime, 'url'> | string,
  method: string,
  path: string,
  { token, authorization, body, headers = {} }: RequestOptions = {},
): Promise<Answer<T>> {
  const base = typeof distr === 'string' ? distr : distr.url;
  const auth = authorization ?? (token ? `Bearer ${token}` : undefined);
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(auth ? { authorization: auth } : {}),
      ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

/** `call` bound to one instance, each request with its own options. */
export const callsTo =
  (distr: Pick<Runtime, 'url'>) =>
  // biome-ignore lint/suspicious/noExplicitAny: see Answer
  <T = any>(method: string, path: string, options?: RequestOptions) =>
    call<T>(distr, method, path, options);

/** `call` bound to one instance and one caller's token (or none). */
export function client(distr: Pick<Runtime, 'url'>, token?: string) {
  // biome-ignore lint/suspicious/noExplicitAny: see Answer
  return <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    call<T>(distr, method, path, { token, body, headers });
}

/** `/v1/documents/A/79/923-S/2025/341` */
export const documentPath = (symbol: string) => `/v1/documents/${symbol}`;

/** Moves numbering series forward through `PUT /v1/series` as `officer`: `{ 'A/79': 923, … }`. */
export async function setSeries(officer: ReturnType<typeof client>, next: Record<string, number>) {
  for (const [series, value] of Object.entries(next)) {
    expect((await officer('PUT', '/v1/series', { series, next: value })).status).toBe(200);
  }
}

/** The number each series hands out next (`GET /v1/series`), by series. */
export async function nextNumbers(officer: ReturnType<typeof client>): Promise<Record<string, number>> {
  const { status, body } = await officer<{ series: { series: string; next: number }[] }>('GET', '/v1/series');
  expect(status).toBe(200);
  return Object.fromEntries(body.series.map(({ series, next }) => [series, next]));
}
