/**
 * Helpers for the registration integration tests: tokens and submissions written straight into a
 * running local Distr (through the token and submission stores), and a small JSON client.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { putSubmission } from '../../functions/adapters/submission-store.ts';
import { issueToken } from '../../functions/adapters/token-store.ts';
import { parseSubmission, type SubmissionInput } from '../../functions/domain/submission.ts';
import type { SubmissionRecord } from '../../functions/domain/submission-record.ts';
import type { Runtime } from '../../functions/local/runtime.ts';

export const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;

export const sampleSubmission = () => fixture<SubmissionInput>('sample-submission.json');

const table = (distr: Runtime) => ({
  db: createAwsClients(distr.env).db,
  tableName: distr.env.TABLE_NAME ?? '',
});

export async function tokenFor(distr: Runtime, role: 'officer' | 'mission' | 'subscriber'): Promise<string> {
  const grant = role === 'mission' ? { role, state: 'DEU' as const } : { role };
  const { token } = await issueToken(table(distr), grant, { now: new Date() });
  return token;
}

/** Stores a received submission as the submission route would, and returns its id. */
export async function seedSubmission(
  distr: Runtime,
  input: SubmissionInput = sampleSubmission(),
  status: SubmissionRecord['status'] = 'received',
): Promise<string> {
  const parsed = parseSubmission(input, { now: new Date() });
  if (!parsed.ok) throw new Error(`bad test submission: ${JSON.stringify(parsed.problems)}`);
  const { annexes, ...rest } = parsed.value;
  const id = randomUUID();
  const at = new Date().toISOString();
  const record: SubmissionRecord = {
    id,
    status,
    state: parsed.value.from.state,
    createdAt: at,
    updatedAt: at,
    submission: {
      ...rest,
      ...(annexes ? { annexes: annexes.map(({ pdfBase64: _pdf, ...annex }) => annex) } : {}),
    },
    timeline: [{ step: 'received', at, actor: { role: 'mission', tokenId: 'seed' } }],
    attachments: [],
  };
  if (!(await putSubmission(table(distr), record))) throw new Error('submission exists');
  return id;
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A JSON request to the local API with a bearer token (or none). */
export function client(distr: Runtime, token?: string) {
  return async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> => {
    const res = await fetch(`${distr.url}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

export { table };
