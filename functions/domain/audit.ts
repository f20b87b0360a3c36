/**
 * The audit trail: who (token id and role) did what to a submission or a document, and when. The
 * domain services record each change as they make it, so the API and the pages leave the same
 * trail. Each entry carries a key naming the change itself, so a retried request, which makes the
 * same change again, adds nothing.
 */
import { jsonDigest } from './canonical-json.ts';
import type { Lang } from './languages.ts';
import type { Actor } from './submission-record.ts';

export const AUDIT_ACTIONS = [
  'submitted',
  'upload-requested',
  'rejected',
  'registered',
  'version-stored',
  'distribution-requested',
  'followup-created',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an entry is about: a submission by its id, a document by its id (not a symbol). */
export interface AuditSubject {
  kind: 'submission' | 'document';
  id: string;
}

/** The particulars of a change, where it has some. */
export interface AuditDetail {
  symbols?: string[];
  jobNumber?: string;
  reason?: string;
  lang?: Lang;
  languages?: Lang[];
  /** An annex, numbered from 1 as the pages and PDFs number them. */
  annex?: number;
  /** A follow-up's symbol, on the entry of the document it follows. */
  followup?: string;
}

export interface AuditEntry {
  subject: AuditSubject;
  action: AuditAction;
  at: string;
  actor: Actor;
  detail?: AuditDetail;
  /** Names the change: two entries with one key are one change recorded twice. */
  key: string;
}

/** Where the trail is kept. Recording an entry whose key is there already changes nothing. */
export interface AuditPort {
  record(entries: readonly AuditEntry[]): Promise<void>;
  /** A subject's entries, oldest first, at most MAX_AUDIT_LISTED of them. */
  list(subject: AuditSubject): Promise<AuditEntry[]>;
}

/** A page shows this many entries of one subject at most: far more than any document gathers. */
export const MAX_AUDIT_LISTED = 500;

/** A key from what makes a change that change, however many times it is made. */
export const changeKey = (action: AuditAction, ...parts: readonly unknown[]): string =>
  `${action}#${jsonDigest(parts).slice(0, 32)}`;

/** An entry for `subject`, keyed by the action and the parts that make it one change. */
export function auditEntry(
  subject: AuditSubject,
  action: AuditAction,
  change: { at: string; actor: Actor; detail?: AuditDetail; parts?: readonly unknown[] },
): AuditEntry {
  return {
    subject,
    action,
    at: change.at,
    actor: { role: change.actor.role, tokenId: change.actor.tokenId },
    ...(change.detail ? { detail: change.detail } : {}),
    key: changeKey(action, ...(change.parts ?? [])),
  };
}

/** Oldest first; entries made in the same millisecond in the order of their keys. */
export const byTime = (a: AuditEntry, b: AuditEntry) =>
  a.at.localeCompare(b.at) || a.key.localeCompare(b.key);
