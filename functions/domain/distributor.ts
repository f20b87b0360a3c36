/**
 * Distribution, the steps: language versions in, one PDF per language rendered and stored, then the
 * document made public in all its languages at once (simultaneous issuance), indexed for search
 * and announced exactly once. Runs against small ports; the DynamoDB, S3, SQS and SNS adapters live
 * in `functions/adapters/`.
 *
 * Why fan out over SQS (one message per language, one `render` Lambda invocation each) and not Step
 * Functions: every step here is already idempotent and keyed by (document, language), so a plain
 * queue with a dead-letter queue gives the parallelism, retries and parking we need at no extra
 * cost; the "join" is a conditional write, not a workflow state; and SQS runs locally on the same
 * stand-in as the rest of the service, where no maintained Step Functions emulator exists.
 *
 * Why it is safe to repeat, without transactions (dynalite has none):
 * 1. Each PDF records the digest of what it was rendered from (`source`). A language is done when
 *    its record's source equals the digest of the document as it is now; a retry, or a second
 *    distribute call, renders only what is not done. The renderer is byte-deterministic and the key
 *    comes from the symbols, so a re-render writes the same bytes to the same key; an object whose
 *    stored SHA-256 already matches is not written again (no new S3 version).
 * 2. The document becomes public with one conditional update, `status = registered → distributed`,
 *    that also requires the versions to be unchanged since they were read (a revision counter and a
 *    short write lease that `putVersion` holds). Exactly one caller wins it.
 * 3. After the flip, the remaining steps (search entries, submission marked distributed, the event)
 *    are each idempotent and recorded on the distribution record; whoever sees the flip done but a
 *    step missing (a retried worker, a repeated distribute call) completes it. The event is sent by
 *    the holder of a lease claimed with a conditional write, and `eventPublished` is recorded after
 *    it, so a crash between the two is completed by a retry without a second event.
 */
import { randomUUID } from 'node:crypto';
import { type AuditPort, auditEntry } from './audit.ts';
import {
  type DistributeRequest,
  type DistributionRecord,
  type DistributionState,
  distributionState,
  documentFileOf,
  type HeadState,
  isCurrent,
  planDistribution,
  RENDER_HEARTBEAT,
  type RenderJobRecord,
  renderSource,
  type StoredPdf,
  versionProblems,
} from './distribution.ts';
import type { DocumentFile, Version } from './document.ts';
import { DomainError } from './errors.ts';
import type { Lang } from './languages.ts';
import { type DocumentMetadata, documentMetadata } from './public-document.ts';
import type { RegisteredDocument } from './registration.ts';
import { pdfKey } from './storage-keys.ts';
import type { Actor } from './submission-record.ts';

// ---- Ports -------------------------------------------------------------------------------------

export interface DocumentReader {
  get(id: string): Promise<RegisteredDocument | undefined>;
  findBySymbol(symbol: string): Promise<RegisteredDocument | undefined>;
}

export type VersionWrite = 'written' | 'missing' | 'distributed' | 'busy';

export interface DistributionPort {
  head(documentId: string): Promise<HeadState | undefined>;
  /** Replaces one version while the document is `registered` (see HeadState for the lease). */
  putVersion(documentId: string, lang: Lang, version: Version, nowMs: number): Promise<VersionWrite>;
  get(
    documentId: string,
  ): Promise<{ record?: DistributionRecord; pdfs: StoredPdf[]; jobs?: RenderJobRecord[] }>;
  putRecord(documentId: string, record: DistributionRecord): Promise<void>;
  putPdf(documentId: string, pdf: StoredPdf): Promise<void>;
  /** `registered → distributed` if the revision is unchanged and no version write holds the lease. */
  finalize(
    documentId: string,
    expect: { revision: number; distributedAt: string; nowMs: number },
  ): Promise<boolean>;
  markDone(documentId: string, step: 'indexed' | 'submissionMarked' | 'eventPublished'): Promise<void>;
  /** Claims the right to send the event until `untilMs`; false if sent or someone else holds it. */
  claimEvent(documentId: string, owner: string, nowMs: number, untilMs: number): Promise<boolean>;
  /** A fresh job record for each language, queued at `at` (before the jobs go on the queue). */
  markQueued(documentId: string, languages: readonly Lang[], at: string): Promise<void>;
  /** A worker started the language's render (`started`: one attempt more) or is still on it. */
  markRendering(documentId: string, lang: Lang, at: string, started: boolean): Promise<void>;
}

export interface PdfPort {
  /** The stored object's SHA-256 (from its metadata), ETag and version, if it exists. */
  head(key: string): Promise<{ sha256?: string; etag?: string; versionId?: string } | undefined>;
  put(
    key: string,
    pdf: Uint8Array,
    meta: { sha256: string; jobNumber: string },
  ): Promise<{ etag?: string; versionId?: string }>;
  /** Bytes of a submission's PDF annex. */
  attachment(key: string): Promise<Uint8Array>;
}

export interface RenderQueuePort {
  /** One message per language: in AWS each becomes its own `render` invocation. */
  enqueue(documentId: string, languages: readonly Lang[]): Promise<void>;
  /** Keeps a received job (by its receipt) from every other worker for `seconds` from now. */
  extend(receipt: string, seconds: number): Promise<void>;
}

export interface SearchIndexPort {
  /** Writes the document's search entries (idempotent). */
  index(metadata: DocumentMetadata, documentId: string): Promise<void>;
}

export interface SubmissionLink {
  letterDate(submissionId: string): Promise<string | undefined>;
  /** registered → distributed; a submission already distributed counts as done. */
  markDistributed(submissionId: string, at: string, actor: Actor): Promise<void>;
}

export interface DistributionEvents {
  publishDistributed(document: RegisteredDocument, metadata: DocumentMetadata): Promise<void>;
}

export type Renderer = (
  document: DocumentFile,
  lang: Lang,
  attachments: (key: string) => Promise<Uint8Array>,
) => Promise<{ pdf: Uint8Array; pages: number; sha256: string; conformance?: readonly string[] }>;

export interface DistributorPorts {
  documents: DocumentReader;
  distributions: DistributionPort;
  pdfs: PdfPort;
  queue: RenderQueuePort;
  search: SearchIndexPort;
  submissions: SubmissionLink;
  events: DistributionEvents;
  render: Renderer;
  audit: AuditPort;
}

/**
 * How long the event sender holds its claim before a retry may send instead: sending is one
 * publish, and a sender that dies holding the claim is retried when its render job comes back
 * (within RENDER_HEARTBEAT.leaseSeconds), which must then find the claim expired. A second send
 * after a slow first one carries the same event id, which the notifier delivers once.
 */
const EVENT_LEASE_MS = 10_000;

export interface DistributorOptions {
  publicUrl: string;
  clock?: () => Date;
  /** How a worker renews the job it renders (tests shorten it). */
  heartbeat?: { everyMs: number; leaseSeconds: number };
}

// ---- Steps -------------------------------------------------------------------------------------

export function createDistributor(ports: DistributorPorts, options: DistributorOptions) {
  const clock = options.clock ?? (() => new Date());
  const { publicUrl } = options;
  const heartbeat = options.heartbeat ?? RENDER_HEARTBEAT;

  /** Records the jobs, then queues them (in that order, so a fast worker's start is not overwritten). */
  async function enqueue(documentId: string, languages: readonly Lang[]): Promise<void> {
    await ports.distributions.markQueued(documentId, languages, clock().toISOString());
    await ports.queue.enqueue(documentId, languages);
  }

  /**
   * Renews the job a worker holds: at once (so a crash is retried within the lease, not the queue's
   * longer visibility timeout) and every `everyMs`. Once rendering has begun, each beat also records
   * that the worker is alive. Beats are best effort: a missed one costs at most a second render of
   * the same language, which stores nothing new.
   */
  function holdJob(documentId: string, lang: Lang, receipt: string | undefined) {
    let rendering = false;
    const beat = () =>
      Promise.allSettled([
        receipt ? ports.queue.extend(receipt, heartbeat.leaseSeconds) : undefined,
        rendering
          ? ports.distributions.markRendering(documentId, lang, clock().toISOString(), false)
          : undefined,
      ]);
    void beat();
    const timer = setInterval(() => void beat(), heartbeat.everyMs);
    return {
      rendering: () => {
        rendering = true;
      },
      release: () => clearInterval(timer),
    };
  }

  async function documentOf(symbol: string): Promise<RegisteredDocument> {
    const document = await ports.documents.findBySymbol(symbol);
    if (!document) throw new DomainError('not-found', `There is no document ${symbol}.`);
    return document;
  }

  async function headOf(documentId: string): Promise<HeadState> {
    const head = await ports.distributions.head(documentId);
    if (!head) throw new DomainError('not-found', 'The document is gone.');
    return head;
  }

  /** Officer: one language version in (or replaced) while the document is not yet distributed. */
  async function putVersion(symbol: string, lang: Lang, version: Version, actor: Actor) {
    const document = await documentOf(symbol);
    if (document.status === 'distributed') {
      throw new DomainError(
        'conflict',
        `${document.symbol} has been distributed; its versions can no longer be replaced.`,
      );
    }
    const problems = versionProblems(document, version);
    if (problems.length > 0) throw new DomainError('invalid', 'The version is not valid.', problems);
    const created = !document.versions[lang];
    const written = await ports.distributions.putVersion(document.id, lang, version, clock().getTime());
    if (written === 'missing') throw new DomainError('not-found', `There is no document ${symbol}.`);
    if (written === 'distributed') {
      throw new DomainError(
        'conflict',
        `${document.symbol} has been distributed; its versions can no longer be replaced.`,
      );
    }
    if (written === 'busy') {
      throw new DomainError('busy', `Another version of ${document.symbol} is being written; try again.`);
    }
    // The same text stored again is the same change: a retry adds no entry.
    await ports.audit.record([
      auditEntry({ kind: 'document', id: document.id }, 'version-stored', {
        at: clock().toISOString(),
        actor,
        detail: { lang },
        parts: [lang, version],
      }),
    ]);
    // A distribution waiting for this language renders it again from the new text.
    const { record } = await ports.distributions.get(document.id);
    if (record?.languages.includes(lang)) await enqueue(document.id, [lang]);
    return { document: { ...document, versions: { ...document.versions, [lang]: version } }, created };
  }

  /** Where a document's distribution stands (for the officer's view and the distribute answer). */
  async function state(document: RegisteredDocument): Promise<DistributionState> {
    const head = await headOf(document.id);
    const { record, pdfs, jobs = [] } = await ports.distributions.get(document.id);
    return distributionState(document, head, record, pdfs, publicUrl, jobs, clock().getTime());
  }

  /** Officer: render, store and issue the languages asked for. */
  async function distribute(symbol: string, request: DistributeRequest, actor: Actor) {
    let document = await documentOf(symbol);
    if (document.status === 'distributed') {
      await complete(document.id);
      return { state: await state(document), accepted: false };
    }
    const plan = planDistribution(document, request);
    if (!plan.ok) throw new DomainError(plan.kind, plan.detail, plan.problems);
    const { record: previous, pdfs } = await ports.distributions.get(document.id);
    const letterDate =
      previous?.letterDate ??
      (document.submissionId ? await ports.submissions.letterDate(document.submissionId) : undefined);
    const record: DistributionRecord = {
      languages: plan.languages,
      partial: plan.partial,
      requestedAt: previous?.requestedAt ?? clock().toISOString(),
      requestedBy: previous?.requestedBy ?? actor,
      ...(letterDate ? { letterDate } : {}),
    };
    await ports.distributions.putRecord(document.id, record);
    await ports.audit.record([
      auditEntry({ kind: 'document', id: document.id }, 'distribution-requested', {
        at: record.requestedAt,
        actor: record.requestedBy,
        detail: { languages: record.languages },
        parts: [record.requestedAt, record.languages],
      }),
    ]);
    const pending = plan.languages.filter((lang) => !isCurrent(pdfs, document, lang, publicUrl));
    if (pending.length > 0) await enqueue(document.id, pending);
    // Everything was stored by an earlier attempt that stopped short of issuing: issue now.
    else await issueIfComplete(document.id);
    document = (await ports.documents.get(document.id)) ?? document;
    return { state: await state(document), accepted: true };
  }

  /**
   * Worker: renders and stores one language, then issues the document if it was the last one.
   * `receipt` names the queue message the worker holds, renewed while it works (see holdJob).
   */
  async function renderLanguage(
    documentId: string,
    lang: Lang,
    receipt?: string,
  ): Promise<'rendered' | 'current' | 'skipped'> {
    const job = holdJob(documentId, lang, receipt);
    try {
      return await renderHeld(documentId, lang, job);
    } finally {
      job.release();
    }
  }

  async function renderHeld(
    documentId: string,
    lang: Lang,
    job: ReturnType<typeof holdJob>,
  ): Promise<'rendered' | 'current' | 'skipped'> {
    const document = await ports.documents.get(documentId);
    if (!document) return 'skipped';
    if (document.status === 'distributed') {
      await complete(documentId);
      return 'skipped';
    }
    const { record, pdfs } = await ports.distributions.get(documentId);
    if (!record?.languages.includes(lang) || !document.versions[lang]) return 'skipped';
    let outcome: 'rendered' | 'current' = 'current';
    if (!isCurrent(pdfs, document, lang, publicUrl)) {
      await ports.distributions.markRendering(documentId, lang, clock().toISOString(), true);
      job.rendering();
      const rendered = await ports.render(documentFileOf(document), lang, (key) =>
        ports.pdfs.attachment(key),
      );
      const key = pdfKey(document.symbols, lang);
      // A retry after the object was stored (but not recorded) must not add another S3 version.
      const existing = await ports.pdfs.head(key);
      const stored =
        existing?.sha256 === rendered.sha256
          ? existing
          : await ports.pdfs.put(key, rendered.pdf, {
              sha256: rendered.sha256,
              jobNumber: document.jobNumber,
            });
      await ports.distributions.putPdf(documentId, {
        lang,
        key,
        sha256: rendered.sha256,
        bytes: rendered.pdf.byteLength,
        pages: rendered.pages,
        ...(stored.etag ? { etag: stored.etag } : {}),
        ...(stored.versionId ? { versionId: stored.versionId } : {}),
        source: renderSource(document, lang, publicUrl),
        storedAt: clock().toISOString(),
        ...(rendered.conformance ? { conformance: [...rendered.conformance] } : {}),
      });
      outcome = 'rendered';
    }
    // Only a worker that sees every language stored goes on to the (dearer) issuing check. Any change
    // after this document was read (a new version) queues another job, which reads it afresh.
    const after = await ports.distributions.get(documentId);
    const allStored = (after.record?.languages ?? []).every((l) =>
      isCurrent(after.pdfs, document, l, publicUrl),
    );
    if (allStored) await issueIfComplete(documentId);
    return outcome;
  }

  /** Flips the document to distributed once every requested language is stored and current. */
  async function issueIfComplete(documentId: string): Promise<void> {
    // Head first: the flip requires the revision read here, so a version written after this read,
    // even one the versions below already show, stops the flip.
    const head = await headOf(documentId);
    if (head.status === 'distributed') return complete(documentId);
    const now = clock();
    if (head.versionWriteUntil !== undefined && head.versionWriteUntil >= now.getTime()) return;
    const document = await ports.documents.get(documentId);
    const { record, pdfs } = await ports.distributions.get(documentId);
    if (!document || !record) return;
    const ready = record.languages.every((lang) => isCurrent(pdfs, document, lang, publicUrl));
    if (!ready) return;
    await ports.distributions.finalize(documentId, {
      revision: head.revision,
      distributedAt: now.toISOString(),
      nowMs: now.getTime(),
    });
    // Won or lost, the document may now be distributed; completing is idempotent.
    const after = await headOf(documentId);
    if (after.status === 'distributed') await complete(documentId);
  }

  /** The steps after the flip, each done once and recorded; safe for any number of callers. */
  async function complete(documentId: string): Promise<void> {
    const head = await headOf(documentId);
    if (head.status !== 'distributed' || !head.distributedAt) return;
    const document = await ports.documents.get(documentId);
    const { record, pdfs } = await ports.distributions.get(documentId);
    if (!document || !record) return;
    if (record.indexed && record.submissionMarked && record.eventPublished) return;
    const metadata = documentMetadata(document, record, pdfs, head.distributedAt);
    if (!record.indexed) {
      await ports.search.index(metadata, documentId);
      await ports.distributions.markDone(documentId, 'indexed');
    }
    if (!record.submissionMarked) {
      if (document.submissionId) {
        await ports.submissions.markDistributed(
          document.submissionId,
          head.distributedAt,
          record.requestedBy,
        );
      }
      await ports.distributions.markDone(documentId, 'submissionMarked');
    }
    if (!record.eventPublished) {
      const now = clock().getTime();
      if (await ports.distributions.claimEvent(documentId, randomUUID(), now, now + EVENT_LEASE_MS)) {
        await ports.events.publishDistributed(document, metadata);
        await ports.distributions.markDone(documentId, 'eventPublished');
      }
    }
  }

  /** Public: the metadata of a distributed document, or undefined (not distributed = not there). */
  async function publicMetadata(
    symbol: string,
  ): Promise<{ document: RegisteredDocument; metadata: DocumentMetadata } | undefined> {
    const document = await ports.documents.findBySymbol(symbol);
    if (document?.status !== 'distributed') return undefined;
    const head = await ports.distributions.head(document.id);
    const { record, pdfs } = await ports.distributions.get(document.id);
    if (!head?.distributedAt || !record) return undefined;
    return { document, metadata: documentMetadata(document, record, pdfs, head.distributedAt) };
  }

  /** Public: the stored PDF of one issued language, or undefined. */
  async function publicPdf(
    symbol: string,
    lang: Lang,
  ): Promise<{ document: RegisteredDocument; pdf: StoredPdf } | undefined> {
    const document = await ports.documents.findBySymbol(symbol);
    if (document?.status !== 'distributed') return undefined;
    const { record, pdfs } = await ports.distributions.get(document.id);
    const pdf = pdfs.find((p) => p.lang === lang);
    if (!record?.languages.includes(lang) || !pdf) return undefined;
    return { document, pdf };
  }

  /** Officer: the document as registered, whatever its status. */
  const find = (symbol: string) => ports.documents.findBySymbol(symbol);

  /** Officer: the PDFs stored for a document so far, current or not (the console's grid). */
  const storedPdfs = async (document: RegisteredDocument): Promise<StoredPdf[]> =>
    (await ports.distributions.get(document.id)).pdfs;

  return {
    find,
    storedPdfs,
    putVersion,
    distribute,
    state,
    renderLanguage,
    issueIfComplete,
    complete,
    publicMetadata,
    publicPdf,
  };
}

export type Distributor = ReturnType<typeof createDistributor>;
