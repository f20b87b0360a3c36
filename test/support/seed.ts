/**
 * State written straight into a running local Distr, as the routes would leave it: received
 * submissions, registered documents and numbering series.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { createDocumentStore } from '../../functions/adapters/document-store.ts';
import { putSubmission } from '../../functions/adapters/submission-store.ts';
import type { Lang } from '../../functions/domain/languages.ts';
import type { RegisteredDocument } from '../../functions/domain/registration.ts';
import { parseSubmission, type SubmissionInput } from '../../functions/domain/submission.ts';
import type { SubmissionRecord } from '../../functions/domain/submission-record.ts';
import { formatJointSymbol } from '../../functions/domain/symbols.ts';
import type { Runtime } from '../../functions/local/runtime.ts';
import type { client } from './client.ts';
import { clients, table } from './distr.ts';
import { loadFixture, sampleSubmission } from './fixtures.ts';

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

/**
 * A registered document with the sample's metadata, under `symbols`, holding the versions named
 * (from the sample), as registration writes it: names claimed, versions, then the document item.
 */
export async function seedDocument(
  distr: Runtime,
  options: {
    symbols?: string[];
    jobNumber?: string;
    versions?: Lang[];
    edit?: (doc: RegisteredDocument) => void;
  } = {},
): Promise<RegisteredDocument> {
  const file = loadFixture();
  const symbols = options.symbols ?? file.symbols;
  const keep = new Set(options.versions ?? ['en']);
  const document: RegisteredDocument = {
    ...file,
    symbols,
    jobNumber: options.jobNumber ?? file.jobNumber,
    id: randomUUID(),
    symbol: formatJointSymbol(symbols),
    status: 'registered',
    registeredAt: new Date().toISOString(),
    versions: Object.fromEntries(Object.entries(file.versions).filter(([lang]) => keep.has(lang as Lang))),
  };
  options.edit?.(document);
  const store = createDocumentStore(clients(distr).db, distr.env.TABLE_NAME ?? '');
  for (const symbol of symbols) {
    const holder = await store.claimName('symbol', symbol, document.id);
    if (holder) throw new Error(`${symbol} is taken`);
  }
  await store.put(document);
  return document;
}

/** Moves numbering series forward through `PUT /v1/series` as `officer`: `{ 'A/79': 923, … }`. */
export async function setSeries(officer: ReturnType<typeof client>, next: Record<string, number>) {
  for (const [series, value] of Object.entries(next)) {
    expect((await officer('PUT', '/v1/series', { series, next: value })).status).toBe(200);
  }
}
