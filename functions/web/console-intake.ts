/**
 * The officer console's intake: the queue (filtered, oldest first, paged), a submission with the
 * actions of its stage, registering it after a confirmation that shows the numbers it would take,
 * and rejecting it with a reason. Registering and rejecting are the API's own domain calls
 * (registrar.register, rejectSubmission) for the session's officer.
 */
import { CounterExhaustedError } from '../adapters/counter-store.ts';
import type { AgendaItem } from '../domain/document.ts';
import { DomainError } from '../domain/errors.ts';
import type { Lang } from '../domain/languages.ts';
import { fill } from '../domain/strings.ts';
import type { SubmissionRecord } from '../domain/submission-record.ts';
import {
  rejectRequestSchema,
  rejectSubmission,
  type SubmissionPage,
  viewSubmissionFor,
} from '../domain/submissions-service.ts';
import { actorOf } from '../http/caller.ts';
import type { HttpResult } from '../http/http-api.ts';
import type { Handlers } from '../http/router.ts';
import { page } from './app.ts';
import {
  problemPage,
  queuePage,
  registerPage,
  type SubmissionView,
  submissionPage,
  submissionPath,
} from './console-intake-pages.ts';
import { intakePage, intakeQuery, intakeValues, parseIntakeFilter } from './intake-filter.ts';
import { PRIVATE, type SignedInPage, seeOther, type WebKit } from './kit.ts';
import { type PageContext, pagingOf } from './markup.ts';
import { type Messages, messages } from './messages.ts';
import { notFoundPage } from './pages.ts';

/** Submissions per page of the queue. */
export const INTAKE_PAGE = 25;

/** A rejection's form: a reason of up to 2,000 characters, each up to 3 bytes, percent-encoded. */
export const REJECT_FORM_BYTES = 24 * 1024;

export type IntakeOperation =
  | 'webConsole'
  | 'webConsoleSubmission'
  | 'webConsoleRegister'
  | 'webConsoleRegisterPost'
  | 'webConsoleReject';

const OFFICER = ['officer'] as const;

/** Why a registration (or rejection) could not be made, in the UI language, and its status. */
function refusal(
  t: Messages,
  record: SubmissionRecord,
  error: unknown,
  action: 'register' | 'reject',
): { status: number; lines: string[] } | undefined {
  if (error instanceof CounterExhaustedError) {
    return { status: 409, lines: [fill(t.intake.exhausted, { series: error.key })] };
  }
  if (!(error instanceof DomainError)) return undefined;
  if (error.kind === 'busy') return { status: 503, lines: [t.intake.busy] };
  if (error.kind === 'conflict') {
    if (action === 'register' && record.status === 'rejected')
      return { status: 409, lines: [t.intake.rejected] };
    // Counters only move forward: a name held elsewhere means a series was set below numbers issued.
    if (/already belongs to another document/.test(error.message))
      return { status: 409, lines: [t.intake.taken] };
    return { status: 409, lines: [t.intake.notReceived] };
  }
  if (error.kind !== 'invalid') return undefined;
  const circulation = record.submission.circulation;
  const lines = error.problems.map((problem) => {
    const agenda = /^\/circulation\/(\d+)\/agendaItems\/(\d+)$/.exec(problem.field);
    const entry = agenda ? circulation[Number(agenda[1])] : undefined;
    if (agenda && entry?.organ === 'GA') {
      const item = entry.agendaItems[Number(agenda[2])] ?? '';
      const text = /no agenda is loaded/.test(problem.message)
        ? t.intake.problemNoAgenda
        : t.intake.problemAgenda;
      return fill(text, { item, session: String(entry.session) });
    }
    const annex = /^\/annexes\/(\d+)/.exec(problem.field);
    const heading = annex ? record.submission.annexes?.[Number(annex[1])]?.heading : undefined;
    if (heading !== undefined) return fill(t.intake.problemAnnex, { annex: heading });
    return t.intake.problemOther;
  });
  return { status: 422, lines: [...new Set(lines.length > 0 ? lines : [t.intake.problemOther])] };
}

export function intakeHandlers({
  deps,
  signedIn,
  signedInForm,
}: WebKit): Pick<Handlers<'web'>, IntakeOperation> {
  const { submissions, registrar, agendas, documents, audit } = deps;

  /** A signed-in page or form (or its refusal), and the submission it is about, or the not-found page. */
  async function aboutRecord<F extends { ctx: PageContext }>(
    found: F | { response: HttpResult },
    id: string,
  ): Promise<(F & { record: SubmissionRecord }) | { response: HttpResult }> {
    if ('response' in found) return { response: found.response };
    const got = await recordOf(id, found.ctx);
    if ('response' in got) return got;
    return { ...found, record: got.record };
  }

  /** The submission, or the not-found page (for one that is not there). */
  async function recordOf(
    id: string,
    ctx: PageContext,
  ): Promise<{ record: SubmissionRecord } | { response: HttpResult }> {
    try {
      return { record: await viewSubmissionFor(submissions, id, { role: 'officer' }) };
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'not-found') {
        return { response: page(404, notFoundPage(ctx), PRIVATE) };
      }
      throw error;
    }
  }

  /** The agenda items of each GA session, titled from its loaded agenda where there is one. */
  async function agendaItemsOf(record: SubmissionRecord): Promise<Map<number, AgendaItem[]>> {
    const entries = record.submission.circulation.flatMap((c) => (c.organ === 'GA' ? [c] : []));
    const loaded = await Promise.all(entries.map((entry) => agendas.get(entry.session)));
    return new Map(
      entries.map((entry, index) => {
        const titles = new Map((loaded[index]?.items ?? []).map((item) => [item.item, item.title]));
        return [
          entry.session,
          entry.agendaItems.map((item) => ({ item, title: { ...(titles.get(item) ?? {}) } }) as AgendaItem),
        ];
      }),
    );
  }

  async function showSubmission(
    status: number,
    found: SignedInPage<'officer'>,
    record: SubmissionRecord,
    reject?: SubmissionView['reject'],
  ): Promise<HttpResult> {
    const [agendaItems, registered, trail] = await Promise.all([
      agendaItemsOf(record),
      record.documentId ? documents.get(record.documentId) : undefined,
      audit.list({ kind: 'submission', id: record.id }),
    ]);
    const view: SubmissionView = {
      record,
      agendaItems,
      audit: trail,
      ...(registered ? { jobNumber: registered.jobNumber } : {}),
      ...(reject ? { reject } : {}),
    };
    return page(status, submissionPage(found.ctx, view), PRIVATE);
  }

  const refused = (
    lang: Lang,
    ctx: PageContext,
    record: SubmissionRecord,
    error: unknown,
    action: 'register' | 'reject',
  ): HttpResult => {
    const t = messages(lang);
    const found = refusal(t, record, error, action);
    if (!found) throw error;
    const title = action === 'register' ? t.intake.problemTitle : t.intake.problemRejectTitle;
    return page(found.status, problemPage(ctx, record, { title, lines: found.lines }), PRIVATE);
  };

  return {
    webConsole: async ({ event, params, query }) => {
      const { lang } = params;
      const found = await signedIn(event, lang, OFFICER);
      if ('response' in found) return found.response;
      const values = intakeValues(query);
      const cursor = query.cursor?.trim() || undefined;
      const parsed = parseIntakeFilter(values);
      if (!parsed.ok) {
        return page(400, queuePage(found.ctx, { values, invalid: parsed.invalid, items: [] }), PRIVATE);
      }
      let queue: SubmissionPage;
      try {
        queue = await intakePage(submissions, parsed.filter, {
          limit: INTAKE_PAGE,
          now: new Date(),
          ...(cursor ? { cursor } : {}),
        });
      } catch (error) {
        // A cursor of another list, or altered: say so rather than fail.
        if (!(error instanceof DomainError) || error.kind !== 'malformed') throw error;
        return page(400, queuePage(found.ctx, { values, invalid: ['cursor'], items: [] }), PRIVATE);
      }
      const keep = intakeQuery(parsed.filter);
      return page(
        200,
        queuePage(found.ctx, {
          values,
          invalid: [],
          items: queue.items,
          ...pagingOf(keep, cursor, queue.cursor),
        }),
        PRIVATE,
      );
    },

    webConsoleSubmission: async ({ event, params }) => {
      const { lang, id } = params;
      const found = await aboutRecord(await signedIn(event, lang, OFFICER), id);
      if ('response' in found) return found.response;
      return showSubmission(200, found, found.record);
    },

    webConsoleRegister: async ({ event, params }) => {
      const { lang, id } = params;
      const found = await aboutRecord(await signedIn(event, lang, OFFICER), id);
      if ('response' in found) return found.response;
      const { record } = found;
      // Registered already: its page shows the numbers it took.
      if (record.status === 'registered' || record.status === 'distributed') {
        return seeOther(submissionPath(lang, id));
      }
      try {
        const forecast = await registrar.forecast(id);
        return page(200, registerPage(found.ctx, record, forecast), PRIVATE);
      } catch (error) {
        return refused(lang, found.ctx, record, error, 'register');
      }
    },

    webConsoleRegisterPost: async ({ event, params }) => {
      const { lang, id } = params;
      const found = await aboutRecord(await signedInForm(event, lang, OFFICER), id);
      if ('response' in found) return found.response;
      try {
        // The registrar is idempotent per submission: a repeated post answers with the same document.
        await registrar.register(id, { actor: actorOf(found.caller) });
      } catch (error) {
        return refused(lang, found.ctx, found.record, error, 'register');
      }
      return seeOther(submissionPath(lang, id));
    },

    webConsoleReject: async ({ event, params }) => {
      const { lang, id } = params;
      const found = await aboutRecord(await signedInForm(event, lang, OFFICER, REJECT_FORM_BYTES), id);
      if ('response' in found) return found.response;
      const typed = found.form.get('reason') ?? '';
      const reason = typed.trim();
      const parsed = rejectRequestSchema.safeParse({ reason });
      if (!parsed.success) {
        const t = messages(lang);
        const error = reason ? t.intake.reasonInvalid : t.intake.reasonMissing;
        return showSubmission(422, found, found.record, { reason: typed, error });
      }
      try {
        await rejectSubmission(submissions, id, {
          reason: parsed.data.reason,
          actor: actorOf(found.caller),
          now: new Date(),
        });
      } catch (error) {
        return refused(lang, found.ctx, found.record, error, 'reject');
      }
      return seeOther(submissionPath(lang, id));
    },
  };
}
