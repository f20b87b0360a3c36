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
import type { RegisteredDocument } from './registration.ts';
import type { Actor } from './submission-record.ts';

// ---- Requests ----------------------------------------------------------------------------------

/** Body of `POST /v1/documents/{symbol}/distribute` (optional: all six languages by default). */
export const distributeRequestSchema = z.strictObject({
  languages: z
    .array(z.enum(LANGUAGES, { error: `each language is one of ${LANGUAGES.join(', ')}` }))
    .min(1, { error: 'name at least one language' })
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

// ---- Render source -----------------------------------------------------------------------------

/** The document file fields the renderer reads. */
export function documentFileOf(document: DocumentFile): DocumentFile {
  const {
    kind,
    symbols,
    jobNumber,
    issued,
    published,
    distribution,
    originalLanguage,
    circulation,
    versions,
  } = document;
  return {
    kind,
    symbols,
    jobNumber,
    issued,
    ...(published ? { published } : {}),
    distribution,
    originalLanguage,
    circulation,
    versions,
  };
}

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
  distributedAt?: string;
}

/** Which languages are stored and which still pending, as the API shows it. */
export function distributionState(
  document: RegisteredDocument,
  head: HeadState,
  record: DistributionRecord | undefined,
  pdfs: readonly StoredPdf[],
  publicUrl: string,
): DistributionState {
  const languages = record?.languages ?? [];
  // Once distributed, the stored PDFs are the issued ones, whatever happens to the versions.
  const current = (lang: Lang) =>
    head.status === 'distributed'
      ? pdfs.some((p) => p.lang === lang)
      : isCurrent(pdfs, document, lang, publicUrl);
  return {
    symbol: document.symbol,
    status: head.status,
    requested: Boolean(record),
    languages,
    partial: record?.partial ?? false,
    stored: languages.filter(current),
    pending: languages.filter((lang) => !current(lang)),
    ...(head.distributedAt ? { distributedAt: head.distributedAt } : {}),
  };
}

/** Which of the six versions are in, and which missing (the officer's view). */
export const versionsInfo = (document: DocumentFile) => ({
  in: LANGUAGES.filter((lang) => document.versions[lang]),
  missing: LANGUAGES.filter((lang) => !document.versions[lang]),
});
