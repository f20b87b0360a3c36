/**
 * Registration, the steps: turning a submission (or a follow-up request) into a numbered document,
 * against small ports so the logic has no AWS in it (DynamoDB adapters in `functions/adapters/`).
 *
 * Why it is gap-free, duplicate-free and retry-safe without transactions (dynalite has none):
 *
 * 1. Everything that can refuse the request (status, agenda items, attachments) is checked before
 *    anything is written, so a 4xx leaves nothing behind.
 * 2. One registration record per submission (`REGISTRATION#{submissionId}`; per base document and
 *    Idempotency-Key for follow-ups) is claimed with a conditional write. The claim carries a lease:
 *    exactly one request at a time may hold it, and only the holder draws numbers. Two officers at
 *    once, or a client retry, find the claim taken and wait for the holder's document instead.
 * 3. The holder draws each number with an atomic counter (`ADD last :one`) and writes what it drew
 *    into the registration record before using it. A holder that dies leaves the numbers there;
 *    once its lease has expired the next attempt takes over and reuses them, so a drawn number is
 *    never lost and never drawn twice. The lease (60 s) outlasts the Lambda timeout (29 s), so a
 *    live holder cannot lose it half way. The one window left is a crash between a counter update
 *    and the write that records it: that would leave one unused number (a gap, never a duplicate).
 * 4. Each symbol and the job number are then claimed with conditional puts (`SYMBOL#…`, `JOB#…`)
 *    that let only this document hold them (a repeat by the same document passes), the document is
 *    written if absent, the submission is marked registered (conditional on `received`), and the
 *    record is marked done. Each step is idempotent, so a takeover may repeat any of them.
 */
import { randomUUID } from 'node:crypto';
import type { Agenda } from './agenda.ts';
import { type AuditPort, auditEntry } from './audit.ts';
import { DomainError } from './errors.ts';
import type { FieldProblem } from './field-problems.ts';
import {
  buildDocument,
  buildFollowup,
  type FollowupKind,
  followupCounterKey,
  followupJobSeries,
  planRegistration,
  type RegisteredDocument,
  type RegisteredNames,
  registeredNames,
  resolveAgendaItems,
  todayUtc,
} from './registration.ts';
import type { Actor, SubmissionRecord } from './submission-record.ts';

export type { Actor, SubmissionRecord };

// ---- Ports -------------------------------------------------------------------------------------

export interface SubmissionPort {
  get(id: string): Promise<SubmissionRecord | undefined>;
  /** Only the status (a small read, to re-check before numbers are drawn). */
  status(id: string): Promise<SubmissionRecord['status'] | undefined>;
  /** Problems with the submission's PDF attachments (unverified, missing); empty when all are good. */
  verifyAttachments(record: SubmissionRecord): Promise<FieldProblem[]>;
  /** The stored PDF (S3 key) of the annex at that index. */
  annexPdf(record: SubmissionRecord, index: number): string | undefined;
  /** `received` → `registered`; true if now registered to this document, false if it is not `received`. */
  markRegistered(
    id: string,
    registration: { documentId: string; symbols: string[]; actor: Actor; at: string },
  ): Promise<boolean>;
}

export interface AgendaPort {
  getGA(session: number): Promise<Agenda | undefined>;
}

export interface CounterPort {
  /** Atomically draws the next number of a counter (1 for a counter never drawn from). */
  draw(key: string): Promise<number>;
  /** The number the next draw would hand out, without drawing it: a read that never consumes one. */
  peek(key: string): Promise<number>;
}

export interface DocumentPort {
  get(id: string): Promise<RegisteredDocument | undefined>;
  findBySymbol(symbol: string): Promise<RegisteredDocument | undefined>;
  /** Gives `name` (a symbol or job number) to the document; returns the holder's id if another holds it. */
  claimName(kind: 'symbol' | 'job', name: string, documentId: string): Promise<string | undefined>;
  /** Writes the document unless it is already there. */
  put(document: RegisteredDocument): Promise<void>;
}

export interface RegistrationRecord {
  key: string;
  owner: string;
  leaseUntil: number;
  state: 'pending' | 'done';
  documentId: string;
  issued: string;
  /** When the first holder claimed it: the document's `registeredAt`, the same after a takeover. */
  startedAt: string;
  /** What was asked (follow-ups: the type), to refuse a reused Idempotency-Key with another request. */
  request: Record<string, string>;
  /** Numbers drawn so far, by counter key. */
  numbers: Record<string, number>;
}

export interface RegistrationPort {
  /** Claims the record (new, or pending with an expired lease); otherwise returns it as it is. */
  claim(
    key: string,
    proposal: {
      owner: string;
      leaseUntil: number;
      documentId: string;
      issued: string;
      startedAt: string;
      request: Record<string, string>;
    },
    nowMs: number,
  ): Promise<{ won: boolean; record: RegistrationRecord | undefined }>;
  get(key: string): Promise<RegistrationRecord | undefined>;
  /** Records drawn numbers; false if `owner` no longer holds the lease. */
  recordNumbers(key: string, owner: string, numbers: Record<string, number>): Promise<boolean>;
  complete(key: string, owner: string): Promise<void>;
}

export interface RegistrarPorts {
  submissions: SubmissionPort;
  agendas: AgendaPort;
  counters: CounterPort;
  documents: DocumentPort;
  registrations: RegistrationPort;
  audit: AuditPort;
  clock?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

// ---- Errors ------------------------------------------------------------------------------------

// ---- Steps -------------------------------------------------------------------------------------

export const LEASE_MS = 60_000;
/** How long a request waits for another one's registration before answering 503 (API Gateway: 29 s). */
export const WAIT_MS = 20_000;
const POLL_FIRST_MS = 100;
const POLL_GROWTH = 1.6;
const POLL_MAX_MS = 1_500;

export interface Registered {
  document: RegisteredDocument;
  /** False when the document already existed (a retry, or another request registered it). */
  created: boolean;
}

/** What a registration would give, before it is made. */
export interface Forecast extends RegisteredNames {
  issued: string;
}

export function createRegistrar(ports: RegistrarPorts) {
  const clock = ports.clock ?? (() => new Date());
  const sleep = ports.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function documentOf(id: string): Promise<RegisteredDocument> {
    const document = await ports.documents.get(id);
    if (!document) throw new Error(`Registration points at document ${id}, which does not exist`);
    return document;
  }

  /**
   * Claims the registration record, or waits for whoever holds it to finish. Resolves to the
   * record this request now holds, or to the finished document.
   */
  async function claimOrWait(
    key: string,
    proposal: { documentId: string; issued: string; request: Record<string, string> },
    waitFirst = false,
  ): Promise<{ held: RegistrationRecord } | { done: RegisteredDocument }> {
    const owner = randomUUID();
    const deadline = Date.now() + WAIT_MS;
    // Back off while polling: a crowd of waiters must not slow the holder down.
    let delay = POLL_FIRST_MS;
    let claimNow = !waitFirst;
    for (;;) {
      if (claimNow) {
        const nowMs = clock().getTime();
        const { won, record } = await ports.registrations.claim(
          key,
          { ...proposal, owner, leaseUntil: nowMs + LEASE_MS, startedAt: new Date(nowMs).toISOString() },
          nowMs,
        );
        if (won && record) return { held: record };
        if (record?.state === 'done') return { done: await documentOf(record.documentId) };
      }
      // Someone holds a live lease: poll until it is done, or claim once its lease has run out.
      if (Date.now() > deadline) {
        throw new DomainError('busy', 'Another request is registering this; retry in a few seconds.');
      }
      await sleep(delay * (0.75 + Math.random() / 2));
      delay = Math.min(delay * POLL_GROWTH, POLL_MAX_MS);
      const current = await ports.registrations.get(key);
      if (current?.state === 'done') return { done: await documentOf(current.documentId) };
      claimNow = !current || current.leaseUntil < clock().getTime();
    }
  }

  /** Draws the numbers the record does not hold yet and records them before they are used. */
  async function drawNumbers(held: RegistrationRecord, keys: string[]): Promise<Record<string, number>> {
    const missing = keys.filter((key) => held.numbers[key] === undefined);
    if (missing.length === 0) return held.numbers;
    const values = await Promise.all(missing.map((key) => ports.counters.draw(key)));
    const fresh = Object.fromEntries(missing.map((key, index) => [key, values[index] as number]));
    if (!(await ports.registrations.recordNumbers(held.key, held.owner, fresh))) {
      throw new DomainError('busy', 'The registration was taken over by another request; retry.');
    }
    return { ...held.numbers, ...fresh };
  }

  async function claimNames(document: RegisteredDocument): Promise<void> {
    const names = [
      ...document.symbols.map((symbol) => ['symbol', symbol] as const),
      ['job', document.jobNumber] as const,
    ];
    const holders = await Promise.all(
      names.map(([kind, name]) => ports.documents.claimName(kind, name, document.id)),
    );
    const taken = names.filter((_, index) => holders[index] !== undefined).map(([, name]) => name);
    if (taken.length > 0) {
      // Counters only move forward, so this means a series was set below numbers issued elsewhere.
      throw new DomainError(
        'conflict',
        `${taken.join(', ')} already belongs to another document; move the series forward (PUT /v1/series) and retry.`,
      );
    }
  }

  /** The agenda items of each GA session the submission names, from the loaded agendas. */
  async function agendaItemsOf(submission: SubmissionRecord['submission']) {
    const sessions = [
      ...new Set(submission.circulation.flatMap((c) => (c.organ === 'GA' ? [c.session] : []))),
    ];
    const loaded = await Promise.all(sessions.map((session) => ports.agendas.getGA(session)));
    const agendas = new Map<number, Agenda>();
    sessions.forEach((session, index) => {
      const agenda = loaded[index];
      if (agenda) agendas.set(session, agenda);
    });
    return resolveAgendaItems(submission.circulation, agendas);
  }

  /**
   * What registering the submission now would give it: the symbols and job number of the numbers
   * its counters would hand out next (or those a registration under way has drawn already). Only
   * reads: no number is drawn, so another registration may take these first. Refuses as register
   * would for a submission that is not received or names an agenda item not on the loaded agenda;
   * PDF annexes are checked when it is registered (the check records what it finds).
   */
  async function forecast(submissionId: string, options: { issued?: string } = {}): Promise<Forecast> {
    const record = await ports.submissions.get(submissionId);
    if (!record) throw new DomainError('not-found', `There is no submission ${submissionId}.`);
    if (record.status !== 'received') {
      throw new DomainError(
        'conflict',
        record.status === 'rejected'
          ? `Submission ${submissionId} was rejected; it cannot be registered.`
          : `Submission ${submissionId} is ${record.status}.`,
      );
    }
    const previous = await ports.registrations.get(`submission:${submissionId}`);
    const issued = previous?.issued ?? options.issued ?? todayUtc(clock());
    const items = await agendaItemsOf(record.submission);
    if (!items.ok) {
      throw new DomainError(
        'invalid',
        `Submission ${submissionId} cannot be registered as it is.`,
        items.problems,
      );
    }
    const plan = planRegistration(record.submission, issued);
    const keys = [...plan.symbolSeries, plan.jobSeries];
    const held = previous?.numbers ?? {};
    const values = await Promise.all(keys.map((key) => held[key] ?? ports.counters.peek(key)));
    const numbers = Object.fromEntries(keys.map((key, index) => [key, values[index] as number]));
    return { ...registeredNames(plan, numbers), issued };
  }

  /** Registers once, however often asked, and records it in both trails (a retry adds nothing). */
  async function register(submissionId: string, options: { issued?: string; actor: Actor }) {
    const registered = await registerOnce(submissionId, options);
    const { document } = registered;
    const change = {
      at: document.registeredAt,
      actor: options.actor,
      detail: { symbols: document.symbols, jobNumber: document.jobNumber },
    };
    await ports.audit.record([
      auditEntry({ kind: 'submission', id: submissionId }, 'registered', change),
      auditEntry({ kind: 'document', id: document.id }, 'registered', change),
    ]);
    return registered;
  }

  async function registerOnce(
    submissionId: string,
    options: { issued?: string; actor: Actor },
  ): Promise<Registered> {
    const record = await ports.submissions.get(submissionId);
    if (!record) throw new DomainError('not-found', `There is no submission ${submissionId}.`);
    if (record.status === 'rejected') {
      throw new DomainError('conflict', `Submission ${submissionId} was rejected; it cannot be registered.`);
    }
    const key = `submission:${submissionId}`;
    const previous = await ports.registrations.get(key);
    if (record.status !== 'received') {
      const id = record.documentId ?? previous?.documentId;
      if (!id) throw new DomainError('conflict', `Submission ${submissionId} is ${record.status}.`);
      return { document: await documentOf(id), created: false };
    }
    if (previous?.state === 'done')
      return { document: await documentOf(previous.documentId), created: false };

    // A registration already under way keeps the issue date it started with (its numbers depend on it).
    const issued = previous?.issued ?? options.issued ?? todayUtc(clock());
    const submission = record.submission;
    const plan = planRegistration(submission, issued);
    const validate = async () => {
      const items = await agendaItemsOf(submission);
      const hasPdf =
        record.attachments.length > 0 || (submission.annexes ?? []).some((a) => a.body === undefined);
      const problems = [
        ...(items.ok ? [] : items.problems),
        ...(hasPdf ? await ports.submissions.verifyAttachments(record) : []),
      ];
      if (!items.ok || problems.length > 0) {
        throw new DomainError(
          'invalid',
          `Submission ${submissionId} cannot be registered as it is.`,
          problems,
        );
      }
      return items.value;
    };
    // While another request holds a live lease, wait for its document: it has validated already, and
    // a waiter that does no work keeps the holder fast.
    const underWay = previous?.state === 'pending' && previous.leaseUntil >= clock().getTime();
    const agendaItems = underWay ? undefined : await validate();

    const claimed = await claimOrWait(key, { documentId: randomUUID(), issued, request: {} }, underWay);
    if ('done' in claimed) return { document: claimed.done, created: false };
    const held = claimed.held;
    // The status may have changed while this request validated (a rejection, another registration).
    if ((await ports.submissions.status(submissionId)) === 'rejected') {
      throw new DomainError('conflict', `Submission ${submissionId} was rejected; it cannot be registered.`);
    }
    const items = agendaItems ?? (await validate());

    const heldPlan = held.issued === issued ? plan : planRegistration(submission, held.issued);
    const numbers = await drawNumbers(held, [...heldPlan.symbolSeries, heldPlan.jobSeries]);
    const now = held.startedAt;
    const document = buildDocument({
      id: held.documentId,
      submissionId,
      submission,
      issued: held.issued,
      numbers,
      agendaItems: items,
      annexPdf: (index) => ports.submissions.annexPdf(record, index),
      registeredAt: now,
    });
    await claimNames(document);
    await ports.documents.put(document);
    const marked = await ports.submissions.markRegistered(submissionId, {
      documentId: document.id,
      symbols: document.symbols,
      actor: options.actor,
      at: now,
    });
    if (!marked) {
      const after = await ports.submissions.get(submissionId);
      if (after?.documentId !== document.id) {
        // Rejected between the check above and now: the numbers stay spent on this document.
        throw new DomainError(
          'conflict',
          `Submission ${submissionId} became ${after?.status ?? 'missing'} during registration; ${document.symbol} stays unissued.`,
        );
      }
    }
    await ports.registrations.complete(key, held.owner);
    return { document, created: true };
  }

  /** A follow-up, recorded on the document it follows and as the new document's registration. */
  async function followup(
    baseSymbol: string,
    options: { type: FollowupKind; issued?: string; idempotencyKey?: string; actor: Actor },
  ) {
    const made = await followupOnce(baseSymbol, options);
    const { document } = made;
    const change = { at: document.registeredAt, actor: options.actor };
    const base = document.base?.id;
    await ports.audit.record([
      auditEntry({ kind: 'document', id: document.id }, 'registered', {
        ...change,
        detail: { symbols: document.symbols, jobNumber: document.jobNumber },
      }),
      ...(base
        ? [
            auditEntry({ kind: 'document', id: base }, 'followup-created', {
              ...change,
              detail: { followup: document.symbol },
              parts: [document.id],
            }),
          ]
        : []),
    ]);
    return made;
  }

  async function followupOnce(
    baseSymbol: string,
    options: { type: FollowupKind; issued?: string; idempotencyKey?: string; actor: Actor },
  ): Promise<Registered> {
    const base = await ports.documents.findBySymbol(baseSymbol);
    if (!base) throw new DomainError('not-found', `There is no document ${baseSymbol}.`);
    // Without an Idempotency-Key every request is a new follow-up; with one, a retry returns the first.
    const key = `followup:${base.id}:${options.idempotencyKey ?? randomUUID()}`;
    const request = { type: options.type };
    const previous = await ports.registrations.get(key);
    if (previous && previous.request.type !== options.type) {
      throw new DomainError(
        'conflict',
        `This Idempotency-Key was used for a ${previous.request.type} of ${base.symbol}, not a ${options.type}.`,
      );
    }
    const issued = previous?.issued ?? options.issued ?? todayUtc(clock());
    const claimed = await claimOrWait(key, { documentId: randomUUID(), issued, request });
    if ('done' in claimed) return { document: claimed.done, created: false };
    const held = claimed.held;
    const counter = followupCounterKey(base.symbols, options.type);
    const jobSeries = followupJobSeries(options.type, held.issued);
    const numbers = await drawNumbers(held, jobSeries ? [counter, jobSeries] : [counter]);
    const document = buildFollowup({
      id: held.documentId,
      base,
      type: options.type,
      n: numbers[counter] as number,
      issued: held.issued,
      numbers,
      registeredAt: held.startedAt,
    });
    await claimNames(document);
    await ports.documents.put(document);
    await ports.registrations.complete(key, held.owner);
    return { document, created: true };
  }

  return { register, forecast, followup };
}

export type Registrar = ReturnType<typeof createRegistrar>;
