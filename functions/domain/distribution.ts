/**
 * Distribution, the pure part: what a distribute request asks for, the records it keeps (the
 * request, one per stored PDF, the document's head), and when a stored PDF is still current. No
 * AWS here; `distributor.ts` runs the steps against the stores (and says why they are safe to
 * repeat), and `public-document.ts` says what the public sees once a document is out.
 */
import { z } from 'zod';
import { jsonDigest } from './canonical-json.ts';
import type { DocumentFile, Version } from './document.ts';
import type { ErrorKind } from './errors.ts';
import type { FieldProblem } from './field-problems.ts';
import { LANGUAGES, type Lang } from './languages.ts';
import { pickFields } from './pick-fields.ts';
import type { RegisteredDocument } from './registration.ts';
import type { Actor } from './submission-record.ts';

// ---- Requests ----------------------------------------------------------------------------------

/** Body of `POST /v1/documents/{symbol}/distribute` (optional: all six languages by default). */
export const distributeRequestSchema = z.strictObject({
  languages: z
    .array(z.enum(LANGUAGES, { error: `each language is one of ${LANGUAGES.join(', ')}` }))
    .min(1, { error: 'name at least one language' })
    .max(LANGUAGES.length, { error: `name each language once: at most ${LANGUAGES.length}` })
    .optional(),
  partial: z.boolean({ error: 'partial is true or false' }).optional(),
});
export type DistributeRequest = z.infer<typeof distributeRequestSchema>;

export type DistributionPlan =
  | { ok: true; languages: Lang[]; partial: boolean }
  | { ok: false; kind: Extract<ErrorKind, 'invalid' | 'conflict'>; detail: string; problems: FieldProblem[] };

/** Which languages a distribute request issues: all six unless the officer says `partial: true`. */
export function planDistribution(document: DocumentFile, request: DistributeRequest): DistributionPlan {
  const wanted = new Set(request.languages ?? LANGUAGES);
  const languages = LANGUAGES.filter((lang) => wanted.has(lang));
  const partial = languages.length < LANGUAGES.length;
  if (partial && request.partial !== true) {
    return {
      ok: false,
      kind: 'invalid',
      detail: `Simultaneous issuance means all six languages; to distribute only ${languages.join(', ')}, say so with "partial": true.`,
      problems: [{ field: '/partial', message: 'must be true to distribute fewer than six languages' }],
    };
  }
  const missing = languages.filter((lang) => !document.versions[lang]);
  if (missing.length > 0) {
    return {
      ok: false,
      kind: 'conflict',
      detail: `The ${missing.join(', ')} version${missing.length > 1 ? 's are' : ' is'} missing; add ${missing.length > 1 ? 'them' : 'it'} with PUT …/versions/{lang}, or distribute fewer languages with "partial": true.`,
      problems: missing.map((lang) => ({
        field: `/versions/${lang}`,
        message: 'this language version is missing',
      })),
    };
  }
  return { ok: true, languages, partial };
}

/** Checks a language version's PDF annexes: only PDFs this document already holds may be carried. */
export function versionProblems(document: DocumentFile, version: Version): FieldProblem[] {
  const known = new Set(
    Object.values(document.versions).flatMap((v) =>
      (v?.annexes ?? []).flatMap((a) => (a.pdf ? [a.pdf] : [])),
    ),
  );
  return version.annexes.flatMap((annex, index) =>
    annex.pdf !== undefined && !known.has(annex.pdf)
      ? [{ field: `/annexes/${index}/pdf`, message: `${annex.pdf} is not a PDF annex of this document` }]
      : [],
  );
}

// ---- Records -----------------------------------------------------------------------------------

/** What an officer asked for, and which steps after the flip are done. */
export interface DistributionRecord {
  languages: Lang[];
  partial: boolean;
  requestedAt: string;
  requestedBy: Actor;
  /** Date of the letter, from the submission (shown in the public metadata). */
  letterDate?: string;
  indexed?: boolean;
  submissionMarked?: boolean;
  eventPublished?: boolean;
}

/** One stored language version. */
export interface StoredPdf {
  lang: Lang;
  key: string;
  sha256: string;
  bytes: number;
  pages: number;
  etag?: string;
  versionId?: string;
  /** Digest of the render input (`renderSource`): the PDF is current while it matches. */
  source: string;
  storedAt: string;
  /** Standards the file conforms to (`PDF/A-2u`, `PDF/UA-1`), as the renderer claims them. */
  conformance?: string[];
}

/** The document item's fields that distribution reads and writes. */
export interface HeadState {
  status: RegisteredDocument['status'];
  /** Bumped by every version write; the flip requires it unchanged since the versions were read. */
  revision: number;
  /** A version write in progress holds this lease (epoch ms); no flip while it is held. */
  versionWriteUntil?: number;
  distributedAt?: string;
}

/** How long a version write may hold the document against the flip (adapters use it). */
export const VERSION_WRITE_LEASE_MS = 10_000;

/**
 * A language's render job as the workers report it: what the officer's view shows of a
 * distribution that has not finished. Written when the job is queued, when a worker starts it and
 * on each heartbeat of a running render.
 */
export interface RenderJobRecord {
  lang: Lang;
  /** When it was last queued (a distribute call, or a new version of a language being issued). */
  queuedAt?: string;
  /** When a worker last started rendering it, and how many times one has since it was queued. */
  startedAt?: string;
  attempts?: number;
  /** The last heartbeat of the worker rendering it. */
  aliveAt?: string;
}

/**
 * While a worker holds a render job it renews the job every `everyMs`, keeping it from other
 * workers for `leaseSeconds` more (SQS ChangeMessageVisibility), and records that it is alive. A
 * worker that dies (a crash, a killed process, a Lambda timeout) stops renewing, so its job goes
 * to another worker at most `leaseSeconds` after its last heartbeat, whatever the queue's own
 * visibility timeout; a render, however long, is never handed out twice while its worker lives.
 */
export const RENDER_HEARTBEAT = { everyMs: 5_000, leaseSeconds: 15 } as const;

/**
 * A pending language with no sign of life for this long looks stalled: a running render beats
 * every 5 s and a dead worker's job is taken up again within 15 s, so a silence this long means no
 * worker has it (its job is parked in the dead-letter queue, or the service is down).
 */
export const STALLED_AFTER_MS = 20_000;

// ---- Render source -----------------------------------------------------------------------------

/** The document file fields the renderer reads. */
export const documentFileOf = (document: DocumentFile): DocumentFile =>
  pickFields(
    document,
    ['kind', 'symbols', 'jobNumber', 'issued', 'distribution', 'originalLanguage', 'circulation', 'versions'],
    ['published'],
  );

/** Digest of everything the `lang` PDF depends on: the masthead fields, that version, the QR base. */
export function renderSource(document: DocumentFile, lang: Lang, publicUrl: string): string {
  const { versions, ...rest } = documentFileOf(document);
  return jsonDigest({ ...rest, version: versions[lang], lang, publicUrl });
}

/** Whether the stored `lang` PDF was rendered from the document as it is now. */
export const isCurrent = (
  pdfs: readonly StoredPdf[],
  document: DocumentFile,
  lang: Lang,
  publicUrl: string,
): boolean => pdfs.find((p) => p.lang === lang)?.source === renderSource(document, lang, publicUrl);

// ---- State -------------------------------------------------------------------------------------

export interface DistributionState {
  symbol: string;
  status: RegisteredDocument['status'];
  /** Whether a distribution was asked for. */
  requested: boolean;
  languages: Lang[];
  partial: boolean;
  stored: Lang[];
  pending: Lang[];
  /** Each pending language: since when, what its workers last reported, whether it looks stalled. */
  pendingLanguages: PendingLanguage[];
  /** Whether any pending language looks stalled (see STALLED_AFTER_MS). */
  stalled: boolean;
  distributedAt?: string;
}

export interface PendingLanguage {
  language: Lang;
  /** When it became pending: its render was last asked for (else when the distribution was). */
  since: string;
  /** `queued` until a worker starts it, then `rendering`. */
  status: 'queued' | 'rendering';
  /** How many times a worker has started it since it was queued. */
  attempts: number;
  /** The last sign of life: queued, started, or a heartbeat of its worker. */
  lastActivityAt: string;
  stalled: boolean;
}

const latest = (...times: (string | undefined)[]): string | undefined =>
  times.filter((t): t is string => t !== undefined).sort((a, b) => Date.parse(b) - Date.parse(a))[0];

/** How a pending language stands, from its job record (absent for jobs queued before records were kept). */
function pendingLanguage(
  language: Lang,
  job: RenderJobRecord | undefined,
  requestedAt: string,
  nowMs: number,
): PendingLanguage {
  const since = job?.queuedAt ?? job?.startedAt ?? requestedAt;
  const lastActivityAt = latest(since, job?.startedAt, job?.aliveAt) ?? since;
  return {
    language,
    since,
    status: job?.startedAt ? 'rendering' : 'queued',
    attempts: job?.attempts ?? 0,
    lastActivityAt,
    stalled: nowMs - Date.parse(lastActivityAt) > STALLED_AFTER_MS,
  };
}

/** Which languages are stored and which still pending, as the API shows it. */
export function distributionState(
  document: RegisteredDocument,
  head: HeadState,
  record: DistributionRecord | undefined,
  pdfs: readonly StoredPdf[],
  publicUrl: string,
  jobs: readonly RenderJobRecord[],
  nowMs: number,
): DistributionState {
  const languages = record?.languages ?? [];
  // Once distributed, the stored PDFs are the issued ones, whatever happens to the versions.
  const current = (lang: Lang) =>
    head.status === 'distributed'
      ? pdfs.some((p) => p.lang === lang)
      : isCurrent(pdfs, document, lang, publicUrl);
  const pending = languages.filter((lang) => !current(lang));
  const pendingLanguages = record
    ? pending.map((lang) =>
        pendingLanguage(
          lang,
          jobs.find((job) => job.lang === lang),
          record.requestedAt,
          nowMs,
        ),
      )
    : [];
  return {
    symbol: document.symbol,
    status: head.status,
    requested: Boolean(record),
    languages,
    partial: record?.partial ?? false,
    stored: languages.filter(current),
    pending,
    pendingLanguages,
    stalled: pendingLanguages.some((p) => p.stalled),
    ...(head.distributedAt ? { distributedAt: head.distributedAt } : {}),
  };
}

/** Which of the six versions are in, and which missing (the officer's view). */
export const versionsInfo = (document: DocumentFile) => ({
  in: LANGUAGES.filter((lang) => document.versions[lang]),
  missing: LANGUAGES.filter((lang) => !document.versions[lang]),
});
