/**
 * What missions and officers do with submissions: submit (idempotently), read, list, upload PDF
 * annexes, reject, and verify the PDFs before registration. No AWS here: storage comes through the
 * ports below, implemented by adapters/submission-store.ts and adapters/attachment-store.ts.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type AuditPort, auditEntry } from './audit.ts';
import { jsonDigest } from './canonical-json.ts';
import type { DocxConversion, DocxResult } from './docx/convert.ts';
import { DomainError } from './errors.ts';
import type { FieldProblem } from './field-problems.ts';
import { type IdempotencyStore, runIdempotent } from './idempotency.ts';
import type { StateCode } from './member-states.ts';
import type { PdfCheck } from './pdf-check.ts';
import { convertedProblems, parseSubmission } from './submission.ts';
import {
  type Actor,
  type AttachmentRecord,
  attachmentKey,
  inlineAttachmentId,
  MAX_ATTACHMENT_BYTES,
  type StoredAnnex,
  type SubmissionRecord,
  type SubmissionStatus,
  type SubmissionView,
  sourceDocxKey,
  submissionView,
} from './submission-record.ts';
import { linePolicy } from './text-policy.ts';

// --- Ports -------------------------------------------------------------------------------------

export interface ListQuery {
  /** Only this State's submissions (a mission's view). */
  state?: StateCode;
  status?: SubmissionStatus;
  /** Oldest first (the intake queue's order) rather than newest first. */
  oldestFirst?: boolean;
  /** Only those received before this instant (ISO 8601). */
  receivedBefore?: string;
  limit: number;
  cursor?: string;
}

export interface SubmissionPage {
  items: SubmissionRecord[];
  /** Opaque; pass it back for the next page. Absent on the last page. */
  cursor?: string;
}

/** The submission was not in the status a change needs; `current` is how it stands now. */
export class SubmissionStatusConflict extends Error {
  readonly current: SubmissionRecord | undefined;
  constructor(message: string, current: SubmissionRecord | undefined) {
    super(message);
    this.name = 'SubmissionStatusConflict';
    this.current = current;
  }
}

export interface SubmissionRepository {
  /** Stores a new submission; false if one with this id exists already. */
  create(record: SubmissionRecord): Promise<boolean>;
  get(id: string): Promise<SubmissionRecord | undefined>;
  list(query: ListQuery): Promise<SubmissionPage>;
  /** received → rejected; throws SubmissionStatusConflict from any other status. */
  reject(id: string, change: { reason: string; at: string; actor: Actor }): Promise<SubmissionRecord>;
  /** Replaces the attachment at `position` if it still has the same id (and the status is `onlyIfStatus`). */
  putAttachment(
    id: string,
    position: number,
    attachment: AttachmentRecord,
    options: { at: string; onlyIfStatus?: SubmissionStatus },
  ): Promise<boolean>;
}

export interface AttachmentStorage {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Size in bytes, or undefined if there is no such object yet. */
  size(key: string): Promise<number | undefined>;
  get(key: string): Promise<Uint8Array | undefined>;
  /** A URL that accepts one PUT of exactly this type and length until it expires. */
  presignPut(
    key: string,
    upload: { contentType: string; bytes: number; expiresInSeconds: number },
  ): Promise<string>;
}

/** What a create answers, kept by the idempotency store to answer repeats alike. */
export interface CreatedResponse {
  statusCode: 201;
  submission: SubmissionView;
}

export interface SubmissionPorts {
  submissions: SubmissionRepository;
  attachments: AttachmentStorage;
  idempotency: IdempotencyStore<CreatedResponse>;
  /** Checks a PDF annex (domain/pdf-check.ts), off the request's event loop when deployed. */
  checkPdf: (bytes: Uint8Array) => Promise<PdfCheck>;
  /** Converts a `.docx` (domain/docx/convert.ts), bounded in a worker thread when deployed. */
  convertDocx: (bytes: Uint8Array) => Promise<DocxResult>;
  audit: AuditPort;
}

// --- Errors ------------------------------------------------------------------------------------

// --- Use cases ---------------------------------------------------------------------------------

/** Who is asking: officers see everything, a mission only its own State's submissions. */
export type Viewer = { role: 'officer' } | { role: 'mission'; state: StateCode };

const canSee = (viewer: Viewer, record: SubmissionRecord) =>
  viewer.role === 'officer' || record.state === viewer.state;

export const newSubmissionId = () => randomBytes(10).toString('hex');

/** The digest an Idempotency-Key is held to: the same body in any key order hashes the same. */
export const requestHash = (body: unknown): string => jsonDigest(body);

/** DynamoDB items are at most 400 KB; leave room for the keys and the timeline to grow. */
const MAX_RECORD_BYTES = 350_000;

interface Prepared {
  annexes: StoredAnnex[] | undefined;
  attachments: (AttachmentRecord & { bytesToStore?: Uint8Array })[];
}

/** Checks inline PDFs and lays out attachments; nothing is written yet. */
async function prepareAnnexes(
  submissionId: string,
  annexes: NonNullable<ReturnType<typeof parseOk>['annexes']>,
  checkPdf: (index: number, bytes: Uint8Array) => Promise<PdfCheck>,
): Promise<Prepared> {
  const problems: FieldProblem[] = [];
  const attachments: Prepared['attachments'] = [];
  const stored: StoredAnnex[] = [];
  const declared = new Map<string, number>();
  for (const [index, annex] of annexes.entries()) {
    const { pdfBase64, ...rest } = annex;
    if (pdfBase64 !== undefined) {
      const bytes = Buffer.from(pdfBase64, 'base64');
      const check = await checkPdf(index, bytes);
      if (!check.ok) {
        problems.push({ field: `/annexes/${index}/pdfBase64`, message: check.error });
        continue;
      }
      const id = inlineAttachmentId(index);
      attachments.push({
        id,
        annex: index,
        key: attachmentKey(submissionId, id),
        source: 'inline',
        status: 'verified',
        pages: check.pages,
        bytes: check.bytes,
        sha256: check.sha256,
        bytesToStore: bytes,
      });
      stored.push({ ...rest, attachment: id });
    } else if (annex.attachment !== undefined) {
      const first = declared.get(annex.attachment);
      if (first !== undefined) {
        problems.push({
          field: `/annexes/${index}/attachment`,
          message: `attachment "${annex.attachment}" is already annex ${first}'s; give each PDF its own id`,
        });
        continue;
      }
      declared.set(annex.attachment, index);
      attachments.push({
        id: annex.attachment,
        annex: index,
        key: attachmentKey(submissionId, annex.attachment),
        source: 'upload',
        status: 'pending',
      });
      stored.push(rest);
    } else {
      stored.push(rest);
    }
  }
  if (problems.length > 0) throw new DomainError('invalid', 'An annex PDF cannot be accepted.', problems);
  return { annexes: annexes.length > 0 || stored.length > 0 ? stored : undefined, attachments };
}

const parseOk = (input: unknown, now: Date) => {
  const parsed = parseSubmission(input, { now });
  if (!parsed.ok) throw new DomainError('invalid', 'The submission is not valid.', parsed.problems);
  return parsed.value;
};

export interface SubmitRequest {
  input: unknown;
  /** The mission's State (from its token) and the token that submits. */
  state: StateCode;
  actor: Actor;
  now: Date;
  idempotencyKey?: string;
}

/**
 * Validates and stores a new submission in status `received`. With an idempotency key, a repeat
 * of the same request answers as the first did and stores nothing more.
 */
/** A `.docx` converted, or the 422 naming each reason it cannot be, under `field`. */
export async function convertedDocx(
  ports: Pick<SubmissionPorts, 'convertDocx'>,
  base64: string,
  field: string,
): Promise<{ conversion: DocxConversion; bytes: Uint8Array }> {
  const bytes = Buffer.from(base64, 'base64');
  const result = await ports.convertDocx(bytes);
  if (!result.ok) {
    throw new DomainError(
      'invalid',
      'The Word file cannot be converted.',
      result.problems.map((message) => ({ field, message })),
    );
  }
  const problems = convertedProblems(result.value.letter, field);
  if (problems.length > 0) throw new DomainError('invalid', 'The Word file cannot be converted.', problems);
  return { conversion: result.value, bytes };
}

/** `POST /v1/conversions/docx`: the file as Distr would take it, for the sender to confirm; nothing is stored. */
export async function previewDocx(ports: Pick<SubmissionPorts, 'convertDocx'>, base64: string) {
  const { conversion } = await convertedDocx(ports, base64, '/docx');
  return conversion;
}

/**
 * A request whose body is a `.docx`: the converted body in its place, and the file's annexes when
 * the request gives none. The request's title and signatory stand; the file's are in the preview.
 */
async function fromDocx(ports: SubmissionPorts, input: unknown) {
  const request = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (typeof request.bodyDocx !== 'string') return { input, source: undefined };
  const { bodyDocx, ...rest } = request;
  const { conversion, bytes } = await convertedDocx(ports, bodyDocx, '/bodyDocx');
  const fileAnnexes = conversion.letter.annexes;
  if (fileAnnexes.length > 0 && Array.isArray(rest.annexes) && rest.annexes.length > 0) {
    throw new DomainError('invalid', 'The submission is not valid.', [
      {
        field: '/annexes',
        message: `the Word file has ${fileAnnexes.length} annex(es) of its own: leave annexes out, or take them out of the file`,
      },
    ]);
  }
  const merged = {
    ...rest,
    body: conversion.letter.body,
    ...(fileAnnexes.length > 0 ? { annexes: fileAnnexes } : {}),
  };
  return { input: merged, source: { conversion, bytes } };
}

export async function submit(
  ports: SubmissionPorts,
  request: SubmitRequest,
): Promise<{ replayed: boolean; response: CreatedResponse }> {
  const docx = await fromDocx(ports, request.input);
  const value = parseOk(docx.input, request.now);
  if (value.from.state !== request.state) {
    throw new DomainError(
      'forbidden',
      `This token speaks for ${request.state}; it cannot submit for ${value.from.state}.`,
      [{ field: '/from/state', message: `must be ${request.state}, the State of your token` }],
    );
  }
  // Inline PDFs are checked before any key is claimed or anything written.
  // Each PDF is checked once: the second pass only lays the attachments out under the id.
  const checks = new Map<number, Promise<PdfCheck>>();
  const checkOnce = (index: number, bytes: Uint8Array) => {
    let check = checks.get(index);
    if (!check) {
      check = ports.checkPdf(bytes);
      checks.set(index, check);
    }
    return check;
  };
  await prepareAnnexes('check', value.annexes ?? [], checkOnce);

  const create = async (id: string): Promise<CreatedResponse> => {
    const { annexes, attachments } = await prepareAnnexes(id, value.annexes ?? [], checkOnce);
    const at = request.now.toISOString();
    const { annexes: _drop, ...rest } = value;
    const record: SubmissionRecord = {
      id,
      status: 'received',
      state: request.state,
      createdAt: at,
      updatedAt: at,
      submission: { ...rest, ...(annexes ? { annexes } : {}) },
      timeline: [{ step: 'received', at, actor: request.actor }],
      attachments: attachments.map(({ bytesToStore: _bytes, ...attachment }) => attachment),
      ...(docx.source
        ? {
            source: {
              kind: 'docx' as const,
              key: sourceDocxKey(id),
              bytes: docx.source.conversion.bytes,
              sha256: docx.source.conversion.sha256,
              paragraphs: docx.source.conversion.paragraphs,
            },
          }
        : {}),
    };
    if (Buffer.byteLength(JSON.stringify(record)) > MAX_RECORD_BYTES) {
      throw new DomainError('too-large', 'The submission is too large to store; shorten the text.', [
        {
          field: '/body',
          message: `title, body and annexes together must stay under ${MAX_RECORD_BYTES} bytes`,
        },
      ]);
    }
    // The files first: a submission never points at an object that is not there.
    if (docx.source && record.source) await ports.attachments.put(record.source.key, docx.source.bytes);
    for (const attachment of attachments) {
      if (attachment.bytesToStore) await ports.attachments.put(attachment.key, attachment.bytesToStore);
    }
    let stored = record;
    if (!(await ports.submissions.create(record))) {
      // A retry of a create that got this far before: answer with what is stored.
      stored = (await ports.submissions.get(id)) ?? record;
    }
    await ports.audit.record([
      auditEntry({ kind: 'submission', id }, 'submitted', { at: stored.createdAt, actor: request.actor }),
    ]);
    return { statusCode: 201, submission: submissionView(stored) };
  };

  if (request.idempotencyKey === undefined) {
    return { replayed: false, response: await create(newSubmissionId()) };
  }
  const outcome = await runIdempotent(
    ports.idempotency,
    { scope: `mission#${request.state}`, key: request.idempotencyKey },
    { requestHash: requestHash(request.input), newResourceId: newSubmissionId },
    create,
  );
  return { replayed: outcome.kind === 'replay', response: outcome.response };
}

async function visible(
  ports: Pick<SubmissionPorts, 'submissions'>,
  id: string,
  viewer: Viewer,
): Promise<SubmissionRecord> {
  const record = await ports.submissions.get(id);
  // Another mission's submission is answered like a missing one: its existence is not theirs to know.
  if (!record || !canSee(viewer, record)) throw new DomainError('not-found', `There is no submission ${id}.`);
  return record;
}

/** Checks uploaded PDFs that have arrived since the last look, and records what it found. */
async function refreshAttachments(ports: SubmissionPorts, record: SubmissionRecord, now: Date) {
  let changed = false;
  const attachments = [...record.attachments];
  for (const [position, attachment] of attachments.entries()) {
    if (attachment.status !== 'pending') continue;
    const size = await ports.attachments.size(attachment.key);
    if (size === undefined) continue;
    let next: AttachmentRecord;
    if (size > MAX_ATTACHMENT_BYTES || (attachment.bytes !== undefined && size !== attachment.bytes)) {
      next = {
        ...attachment,
        status: 'invalid',
        bytes: size,
        error:
          size > MAX_ATTACHMENT_BYTES
            ? `the PDF is ${size} bytes; at most ${MAX_ATTACHMENT_BYTES}`
            : `${size} bytes were uploaded, ${attachment.bytes} announced`,
      };
    } else {
      const bytes = await ports.attachments.get(attachment.key);
      if (!bytes) continue;
      const check = await ports.checkPdf(bytes);
      const { pages: _p, error: _e, ...base } = attachment;
      next = check.ok
        ? { ...base, status: 'verified', pages: check.pages, bytes: check.bytes, sha256: check.sha256 }
        : { ...base, status: 'invalid', bytes: check.bytes, sha256: check.sha256, error: check.error };
    }
    if (await ports.submissions.putAttachment(record.id, position, next, { at: now.toISOString() })) {
      attachments[position] = next;
      changed = true;
    }
  }
  return changed ? { ...record, attachments, updatedAt: now.toISOString() } : record;
}

export async function getSubmissionFor(ports: SubmissionPorts, id: string, viewer: Viewer, now: Date) {
  const record = await visible(ports, id, viewer);
  return record.status === 'received' ? refreshAttachments(ports, record, now) : record;
}

/**
 * A submission as stored, for a viewer who may see it (another mission's is not found): what the
 * web pages show. Unlike getSubmissionFor it checks no uploaded annex, so it reads and never writes.
 */
export const viewSubmissionFor = (ports: Pick<SubmissionPorts, 'submissions'>, id: string, viewer: Viewer) =>
  visible(ports, id, viewer);

export const listSubmissionsFor = (
  ports: Pick<SubmissionPorts, 'submissions'>,
  viewer: Viewer,
  query: Omit<ListQuery, 'state'>,
): Promise<SubmissionPage> =>
  ports.submissions.list({ ...query, ...(viewer.role === 'mission' ? { state: viewer.state } : {}) });

/**
 * Checks every PDF annex of a submission before registration: uploads that arrived are parsed and
 * recorded. Returns the submission and one problem per annex that is missing or not a usable PDF.
 */
export async function verifyAttachments(
  ports: SubmissionPorts,
  id: string,
  now: Date,
): Promise<{ record: SubmissionRecord; problems: FieldProblem[] }> {
  const found = await ports.submissions.get(id);
  if (!found) throw new DomainError('not-found', `There is no submission ${id}.`);
  const record = await refreshAttachments(ports, found, now);
  const problems = record.attachments.flatMap((a): FieldProblem[] =>
    a.status === 'verified'
      ? []
      : [
          {
            field: `/annexes/${a.annex}`,
            message:
              a.status === 'pending'
                ? `the PDF of annex ${a.annex} (attachment "${a.id}") has not been uploaded`
                : `the PDF of annex ${a.annex} cannot be used: ${a.error ?? 'invalid'}`,
          },
        ],
  );
  return { record, problems };
}

/** Asking for an upload URL: `POST /v1/submissions/{id}/attachments`. */
export const uploadRequestSchema = z.strictObject({
  /** Index of the annex, from 0, as in `/annexes/0`. */
  annex: z.int({ error: 'must be the index of an annex (0, 1, …)' }).min(0, { error: 'must be 0 or more' }),
  contentType: z.literal('application/pdf', { error: 'only application/pdf is accepted' }),
  bytes: z
    .int({ error: 'must be the file size in bytes' })
    .min(1, { error: 'must be the file size in bytes' })
    .max(MAX_ATTACHMENT_BYTES, { error: `a PDF annex is at most ${MAX_ATTACHMENT_BYTES} bytes` }),
});

/** Rejecting: `POST /v1/submissions/{id}/reject`. */
export const rejectRequestSchema = z.strictObject({
  // One line: the mission's history and the CLI print it after the step.
  reason: z
    .string({ error: 'give the reason for the rejection' })
    .regex(/\S/, { error: 'give the reason for the rejection' })
    .max(2000)
    .superRefine(linePolicy),
});

export type UploadRequest = z.infer<typeof uploadRequestSchema>;

/** How long an upload URL stays valid. */
export const UPLOAD_URL_SECONDS = 15 * 60;

/** A presigned PUT for the PDF of one annex declared with `attachment`. */
export async function requestUpload(
  ports: SubmissionPorts,
  id: string,
  viewer: Viewer,
  upload: UploadRequest,
  now: Date,
  actor: Actor,
) {
  const record = await visible(ports, id, viewer);
  if (record.status !== 'received') {
    throw new DomainError(
      'conflict',
      `Submission ${id} is ${record.status}; its annexes can no longer change.`,
    );
  }
  const position = record.attachments.findIndex((a) => a.annex === upload.annex);
  const attachment = record.attachments[position];
  const annexCount = record.submission.annexes?.length ?? 0;
  if (upload.annex >= annexCount || !attachment || attachment.source !== 'upload') {
    throw new DomainError('invalid', 'This annex takes no upload.', [
      {
        field: '/annex',
        message:
          upload.annex >= annexCount
            ? `the submission has ${annexCount} annex(es), numbered from 0`
            : attachment?.source === 'inline'
              ? `annex ${upload.annex} was sent inline (pdfBase64)`
              : `annex ${upload.annex} is text; only annexes declared with "attachment" take a PDF upload`,
      },
    ]);
  }
  // A new URL starts the annex afresh: whatever is uploaded through it is checked again.
  const pending: AttachmentRecord = {
    id: attachment.id,
    annex: attachment.annex,
    key: attachment.key,
    source: 'upload',
    status: 'pending',
    bytes: upload.bytes,
  };
  if (
    !(await ports.submissions.putAttachment(id, position, pending, {
      at: now.toISOString(),
      onlyIfStatus: 'received',
    }))
  ) {
    throw new DomainError('conflict', `Submission ${id} changed meanwhile; try again.`);
  }
  // Each ticket is its own change: a mission may ask again for a file that did not get through.
  const at = now.toISOString();
  await ports.audit.record([
    auditEntry({ kind: 'submission', id }, 'upload-requested', {
      at,
      actor,
      detail: { annex: attachment.annex + 1 },
      parts: [attachment.annex, at, upload.bytes],
    }),
  ]);
  const uploadUrl = await ports.attachments.presignPut(attachment.key, {
    contentType: upload.contentType,
    bytes: upload.bytes,
    expiresInSeconds: UPLOAD_URL_SECONDS,
  });
  return {
    attachmentId: attachment.id,
    annex: attachment.annex,
    uploadUrl,
    method: 'PUT' as const,
    expiresAt: new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString(),
    headers: { 'content-type': upload.contentType, 'content-length': String(upload.bytes) },
  };
}

/** received → rejected. Repeating the same rejection answers as the first did. */
export async function rejectSubmission(
  ports: SubmissionPorts,
  id: string,
  { reason, actor, now }: { reason: string; actor: Actor; now: Date },
): Promise<SubmissionRecord> {
  const record = await visible(ports, id, { role: 'officer' });
  const alreadyRejected = (r: SubmissionRecord | undefined) =>
    r?.status === 'rejected' && r.timeline.at(-1)?.reason === reason;
  let rejected: SubmissionRecord;
  if (alreadyRejected(record)) rejected = record;
  else {
    try {
      rejected = await ports.submissions.reject(id, { reason, at: now.toISOString(), actor });
    } catch (error) {
      if (!(error instanceof SubmissionStatusConflict)) throw error;
      if (!error.current || !alreadyRejected(error.current)) {
        throw new DomainError('conflict', `${error.message} Only a received submission can be rejected.`);
      }
      rejected = error.current;
    }
  }
  // The step as stored says who rejected it and when, whichever attempt wrote it.
  const step = rejected.timeline.at(-1);
  await ports.audit.record([
    auditEntry({ kind: 'submission', id }, 'rejected', {
      at: step?.at ?? now.toISOString(),
      actor: step?.actor ?? actor,
      detail: { reason },
    }),
  ]);
  return rejected;
}
