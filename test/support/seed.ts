/**
 * A running local Distr reached directly, past its API: SDK clients for its stand-ins, its table,
 * and state written as the routes would leave it (received submissions, registered documents).
 * Free of vitest, so that the benchmarks can seed with it too.
 */
import { randomUUID } from 'node:crypto';
import { createAwsClients } from '../../functions/adapters/aws-clients.ts';
import { createDocumentStore } from '../../functions/adapters/document-store.ts';
import { putSubmission } from '../../functions/adapters/submission-store.ts';
import type { Lang } from '../../functions/domain/languages.ts';
import type { RegisteredDocument } from '../../functions/domain/registration.ts';
import { parseSubmission, type SubmissionInput } from '../../functions/domain/submission.ts';
import type { SubmissionRecord } from '../../functions/domain/submission-record.ts';
import { formatJointSymbol } from '../../functions/domain/symbols.ts';
import type { Runtime } from '../../functions/local/runtime.ts';
import { loadFixture, sampleSubmission } from './fixtures.ts';

/** SDK clients pointed at a running instance's stand-ins. */
export const clients = (distr: Runtime) => createAwsClients(distr.env);

/** A running instance's table, as the stores take it. */
export const table = (distr: Runtime) => ({
  db: clients(distr).db,
  tableName: distr.env.TABLE_NAME ?? '',
});

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
