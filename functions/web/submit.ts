/**
 * The mission's new submission: the form, its post and its preview. The post calls the same
 * domain `submit()` as `POST /v1/submissions`, with the form's key as the idempotency key, so that a
 * double click, a reload or back-and-resubmit makes one submission. PDF annexes chosen as files are
 * then uploaded as an API client uploads them: an upload ticket from `requestUpload()`, and a PUT of
 * the bytes to its presigned URL with exactly its headers.
 *
 * With script on, the page's script sends this same multipart post by XHR to show each file's
 * progress. It does not PUT to the bucket itself: that would need the bucket's CORS to admit the
 * site's origin and the local S3 stand-in (fauxqs) answers no CORS preflight, so the browser's
 * upload goes to this same-origin route, which makes the presigned PUT server-side.
 */

import { randomUUID } from 'node:crypto';
import { createRenderer } from '../adapters/renderer.ts';
import { DomainError } from '../domain/errors.ts';
import type { FieldProblem } from '../domain/field-problems.ts';
import { IdempotencyConflict } from '../domain/idempotency.ts';
import type { Lang } from '../domain/languages.ts';
import type { StateCode } from '../domain/member-states.ts';
import { buildDocument, planRegistration, resolveAgendaItems, todayUtc } from '../domain/registration.ts';
import { fill } from '../domain/strings.ts';
import { parseSubmission } from '../domain/submission.ts';
import type { Actor } from '../domain/submission-record.ts';
import { MAX_ATTACHMENT_BYTES } from '../domain/submission-record.ts';
import { requestUpload, submit } from '../domain/submissions-service.ts';
import { actorOf } from '../http/caller.ts';
import type { HttpResult } from '../http/http-api.ts';
import type { Handlers } from '../http/router.ts';
import { FRAMEABLE_POLICY, PageNotFound, page } from './app.ts';
import { scriptPath } from './assets.ts';
import { PRIVATE, seeOther, type WebKit } from './kit.ts';
import type { PageContext } from './markup.ts';
import { messages } from './messages.ts';
import {
  type Draft,
  draftOf,
  emptyValues,
  errorsOf,
  pdfFilesOf,
  pdfSlot,
  type SubmitValues,
  valuesOf,
} from './submit-form.ts';
import { previewProblemsPage, type SubmitView, submitPage } from './submit-pages.ts';

export type SubmitOperation = 'webSubmissionForm' | 'webSubmit' | 'webPreview' | 'webScript';

/**
 * The largest form post: a Lambda request carries at most 6 MB, and a multipart body arrives
 * base64-encoded (a third larger), so about 4 MB of files and text together.
 */
export const MAX_SUBMIT_FORM_BYTES = 4 * 1024 * 1024;

/** A form key as the form generates it (a UUID); anything else is sent without one. */
const FORM_KEY_RE = /^[A-Za-z0-9-]{1,64}$/;

/** A GA session as typed: a whole number from 1 to 150. */
const sessionNumber = (typed: string): number | undefined => {
  if (!/^\d{1,3}$/.test(typed)) return undefined;
  const n = Number(typed);
  return n >= 1 && n <= 150 ? n : undefined;
};

export function submitHandlers({
  deps,
  signedIn,
  signedInMultipart,
}: WebKit): Pick<Handlers<'web'>, SubmitOperation> {
  const { submissions, agendas, assets } = deps;
  const script = scriptPath(assets.script);
  const render = createRenderer(deps.config.publicUrl);

  const agendaOf = async (typed: string) => {
    const session = sessionNumber(typed);
    return session === undefined ? undefined : agendas.get(session);
  };

  const formPage = (ctx: PageContext, status: number, view: SubmitView) =>
    page(status, submitPage({ ...ctx, script }, view), PRIVATE);

  /** Each chosen file's problem, before anything is submitted: too large, or not a usable PDF. */
  async function fileProblems(files: readonly (File | undefined)[], lang: Lang) {
    const t = messages(lang);
    const errors: Record<string, string> = {};
    const bytes: (Uint8Array | undefined)[] = [];
    for (const [i, file] of files.entries()) {
      if (!file) continue;
      const name = `${pdfSlot(i + 1)}-file`;
      if (file.size > MAX_ATTACHMENT_BYTES) {
        errors[name] = fill(t.submit.pdfTooLarge, { size: String(MAX_ATTACHMENT_BYTES / 1024 / 1024) });
        continue;
      }
      const content = new Uint8Array(await file.arrayBuffer());
      const check = await submissions.checkPdf(content);
      if (check.ok) bytes[i] = content;
      else errors[name] = t.submit.problems.file;
    }
    return { errors, bytes };
  }

  /** The form's draft, and every problem of it the domain's own checks find (nothing is written). */
  async function checked(form: FormData, lang: Lang, state: StateCode, now: Date) {
    const values = valuesOf(form);
    const files = pdfFilesOf(form);
    const draft = draftOf(
      values,
      state,
      files.map((f) => f !== undefined),
    );
    const { errors: fileErrors, bytes } = await fileProblems(files, lang);
    const parsed = parseSubmission(draft.request, { now });
    const problems: FieldProblem[] = parsed.ok ? [] : parsed.problems;
    return { values, draft, bytes, fileErrors, parsed, problems };
  }

  const errorsFor = (
    problems: readonly FieldProblem[],
    draft: Draft,
    values: SubmitValues,
    lang: Lang,
    now: Date,
  ) => errorsOf(problems, draft, values, messages(lang), todayUtc(now));

  /** The presigned PUT of one annex's PDF, as a client makes it: the ticket's URL and exactly its headers. */
  async function upload(
    id: string,
    caller: { state: StateCode; actor: Actor },
    annex: number,
    bytes: Uint8Array,
    replayed: boolean,
  ) {
    let ticket: Awaited<ReturnType<typeof requestUpload>>;
    try {
      ticket = await requestUpload(
        submissions,
        id,
        { role: 'mission', state: caller.state },
        { annex, contentType: 'application/pdf', bytes: bytes.byteLength },
        new Date(),
        caller.actor,
      );
    } catch (error) {
      // A form sent again after the submission moved on (registered, rejected): its files are in already.
      if (replayed && error instanceof DomainError && error.kind === 'conflict') return;
      throw error;
    }
    const answer = await fetch(ticket.uploadUrl, {
      method: ticket.method,
      headers: ticket.headers,
      body: bytes,
    });
    if (!answer.ok) throw new Error(`The upload of annex ${annex} answered ${answer.status}`);
  }

  return {
    webSubmissionForm: async ({ event, params, query }) => {
      const { lang } = params;
      const found = await signedIn(event, lang, ['mission']);
      if ('response' in found) return found.response;
      const typed = query.session?.trim() ?? '';
      const session = sessionNumber(typed);
      const values: SubmitValues = {
        ...emptyValues(randomUUID(), lang, todayUtc(new Date())),
        session: typed,
        organs: session === undefined ? [] : ['GA'],
      };
      const bad = typed !== '' && session === undefined;
      return formPage(found.ctx, bad ? 400 : 200, {
        values,
        errors: bad ? { session: messages(lang).submit.problems.session } : {},
        agenda: session === undefined ? undefined : await agendas.get(session),
      });
    },

    webSubmit: async ({ event, params }) => {
      const { lang } = params;
      const found = await signedInMultipart(event, lang, ['mission'], MAX_SUBMIT_FORM_BYTES);
      if ('response' in found) return found.response;
      const { active, caller, ctx, form } = found;
      const state = active.session.state as StateCode | undefined;
      if (!state) throw new Error('A mission session without a State');
      const now = new Date();
      const { values, draft, bytes, fileErrors, problems } = await checked(form, lang, state, now);
      const again = async (status: number, errors: Record<string, string>, notice?: SubmitView['notice']) =>
        formPage(ctx, status, {
          // A key already used for other contents cannot be used again: the form comes back with a new one.
          values: notice === 'alreadySent' ? { ...values, formKey: randomUUID() } : values,
          errors,
          agenda: await agendaOf(values.session),
          ...(notice ? { notice } : {}),
        });
      if (Object.keys(fileErrors).length > 0 || problems.length > 0) {
        return again(422, { ...errorsFor(problems, draft, values, lang, now), ...fileErrors });
      }
      let outcome: Awaited<ReturnType<typeof submit>>;
      try {
        outcome = await submit(submissions, {
          input: draft.request,
          state,
          actor: actorOf(caller),
          now,
          ...(FORM_KEY_RE.test(values.formKey) ? { idempotencyKey: values.formKey } : {}),
        });
      } catch (error) {
        if (error instanceof IdempotencyConflict) {
          return again(409, {}, error.reason === 'different-body' ? 'alreadySent' : 'inProgress');
        }
        if (error instanceof DomainError && (error.kind === 'invalid' || error.kind === 'too-large')) {
          return again(422, errorsFor(error.problems, draft, values, lang, now));
        }
        throw error;
      }
      const { id } = outcome.response.submission;
      for (const [slot, annex] of draft.pdfAnnexIndex.entries()) {
        const content = bytes[slot];
        if (annex !== undefined && content)
          await upload(id, { state, actor: actorOf(caller) }, annex, content, outcome.replayed);
      }
      return seeOther(`/${lang}/portal/submissions/${id}`);
    },

    webPreview: async ({ event, params }) => {
      const { lang } = params;
      const found = await signedInMultipart(event, lang, ['mission'], MAX_SUBMIT_FORM_BYTES);
      if ('response' in found) return found.response;
      const { active, ctx, form } = found;
      const state = active.session.state as StateCode | undefined;
      if (!state) throw new Error('A mission session without a State');
      const now = new Date();
      const { values, draft, bytes, fileErrors, parsed, problems } = await checked(form, lang, state, now);
      // Shown in the form's frame, which may hold only this site's answers.
      const framed = { ...PRIVATE, 'Content-Security-Policy': FRAMEABLE_POLICY };
      const refuse = (errors: Record<string, string>): HttpResult =>
        page(422, previewProblemsPage(ctx, errors), framed);
      if (!parsed.ok || Object.keys(fileErrors).length > 0) {
        return refuse({ ...errorsFor(problems, draft, values, lang, now), ...fileErrors });
      }
      const submission = parsed.value;
      const sessions = submission.circulation.flatMap((c) => (c.organ === 'GA' ? [c.session] : []));
      const stored = await Promise.all(sessions.map(async (s) => [s, await agendas.get(s)] as const));
      const resolved = resolveAgendaItems(
        submission.circulation,
        new Map(stored.flatMap(([s, agenda]) => (agenda ? [[s, agenda]] : []))),
      );
      if (!resolved.ok) return refuse(errorsFor(resolved.problems, draft, values, lang, now));
      const issued = todayUtc(now);
      const plan = planRegistration(submission, issued);
      // The first number of each series stands in for the ones registration will draw.
      const numbers = Object.fromEntries([...plan.symbolSeries, plan.jobSeries].map((series) => [series, 1]));
      const pdfs = new Map<string, Uint8Array>();
      draft.pdfAnnexIndex.forEach((annex, slot) => {
        const content = bytes[slot];
        if (annex !== undefined && content) pdfs.set(`preview/${annex}.pdf`, content);
      });
      const { annexes, ...rest } = submission;
      const document = buildDocument({
        id: 'preview',
        submissionId: 'preview',
        submission: {
          ...rest,
          ...(annexes ? { annexes: annexes.map(({ pdfBase64: _inline, ...annex }) => annex) } : {}),
        },
        issued,
        numbers,
        agendaItems: resolved.value,
        annexPdf: (index) => (pdfs.has(`preview/${index}.pdf`) ? `preview/${index}.pdf` : undefined),
        registeredAt: now.toISOString(),
      });
      const rendered = await render(document, submission.language, async (key) => {
        const content = pdfs.get(key);
        if (!content) throw new Error(`No PDF annex ${key} in the preview`);
        return content;
      });
      return {
        statusCode: 200,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': 'inline; filename="preview.pdf"',
          ...framed,
        },
        body: Buffer.from(rendered.pdf).toString('base64'),
        isBase64Encoded: true,
      };
    },

    webScript: async ({ params }) => {
      if (params.file !== assets.script.name) throw new PageNotFound('en');
      return {
        statusCode: 200,
        headers: {
          'content-type': assets.script.contentType,
          'cache-control': 'public, max-age=31536000, immutable',
        },
        body: assets.script.body,
      };
    },
  };
}
