/**
 * A submission as Distr keeps it: the mission's parsed input, where it stands in its lifecycle
 * (received → registered → distributed, or rejected), who moved it and when, and the PDFs of its
 * annexes. Plain data; the DynamoDB layout lives in adapters/submission-store.ts.
 */
import { z } from 'zod';
import type { StateCode } from './member-states.ts';
import type { Submission } from './submission.ts';
import type { Role } from './tokens.ts';

export const SUBMISSION_STATUSES = ['received', 'registered', 'distributed', 'rejected'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Who moved a submission: the token and its role. */
export interface Actor {
  role: Role;
  tokenId: string;
}

export interface TimelineStep {
  step: SubmissionStatus;
  at: string;
  actor: Actor;
  /** Why it was rejected. */
  reason?: string;
  /** The symbols it was registered under. */
  symbols?: string[];
}

/** Largest PDF annex accepted through an upload. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export interface AttachmentRecord {
  id: string;
  /** Index of the annex (0-based, as in `/annexes/0`). */
  annex: number;
  /** Object key in the bucket: `submissions/{id}/attachments/{attachmentId}.pdf`. */
  key: string;
  /** `inline`: sent as pdfBase64 and stored at submission time; `upload`: through a presigned PUT. */
  source: 'inline' | 'upload';
  status: 'pending' | 'verified' | 'invalid';
  pages?: number;
  bytes?: number;
  sha256?: string;
  error?: string;
}

/** An annex as stored: a PDF is always a reference to an attachment, never inline bytes. */
export type StoredAnnex = Omit<NonNullable<Submission['annexes']>[number], 'pdfBase64'>;
export type StoredSubmission = Omit<Submission, 'annexes'> & { annexes?: StoredAnnex[] };

/** The Word file a body was converted from, kept beside the submission as it was sent. */
export interface SourceRecord {
  kind: 'docx';
  /** Object key in the bucket: `submissions/{id}/source.docx`. */
  key: string;
  bytes: number;
  sha256: string;
  /** Paragraphs read from the file. */
  paragraphs: number;
}

export interface SubmissionRecord {
  id: string;
  status: SubmissionStatus;
  state: StateCode;
  createdAt: string;
  updatedAt: string;
  submission: StoredSubmission;
  timeline: TimelineStep[];
  attachments: AttachmentRecord[];
  /** Present when the body came as a `.docx`. */
  source?: SourceRecord;
  documentSymbols?: string[];
  documentId?: string;
}

/**
 * Whether a string could be a submission id (Distr's are 20 hex digits; older and seeded ones
 * UUIDs): anything else, however long, names no submission and is answered as not found without
 * a read, since DynamoDB refuses keys over 2 KB.
 */
export const submissionIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'is not a submission id (1 to 64 letters, digits, _ or -)' });

export const isSubmissionId = (id: string): boolean => submissionIdSchema.safeParse(id).success;

export const attachmentKey = (submissionId: string, attachmentId: string) =>
  `submissions/${submissionId}/attachments/${attachmentId}.pdf`;

export const sourceDocxKey = (submissionId: string) => `submissions/${submissionId}/source.docx`;

/** Id of the attachment holding an inline PDF: a dot keeps it apart from ids missions choose. */
export const inlineAttachmentId = (annex: number) => `inline.${annex}`;

/** What the API shows of a submission: everything but storage details (object keys). */
export function submissionView(record: SubmissionRecord) {
  return {
    id: record.id,
    status: record.status,
    state: record.state,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.documentSymbols ? { documentSymbols: record.documentSymbols } : {}),
    ...(record.documentId ? { documentId: record.documentId } : {}),
    submission: record.submission,
    timeline: record.timeline,
    attachments: record.attachments.map(({ key: _key, ...rest }) => rest),
    ...(record.source ? { source: (({ key: _key, ...rest }) => rest)(record.source) } : {}),
  };
}
export type SubmissionView = ReturnType<typeof submissionView>;

/** One line of a listing. */
export function submissionSummary(record: SubmissionRecord) {
  return {
    id: record.id,
    status: record.status,
    state: record.state,
    kind: record.submission.kind,
    title: record.submission.title,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.documentSymbols ? { documentSymbols: record.documentSymbols } : {}),
  };
}
export type SubmissionSummary = ReturnType<typeof submissionSummary>;
