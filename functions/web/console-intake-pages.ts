/**
 * The officer console's intake pages: the queue with its filter, a submission with the actions of
 * its stage, the confirmation of a registration (its forecast numbers), and the page of a
 * registration or rejection that could not be made.
 */

import type { AuditEntry } from '../domain/audit.ts';
import type { AgendaItem } from '../domain/document.ts';
import { DIRECTION } from '../domain/languages.ts';
import { organName, sessionLine } from '../domain/masthead.ts';
import type { Forecast } from '../domain/registrar.ts';
import { fill } from '../domain/strings.ts';
import { type Addressee, ORGANS } from '../domain/submission.ts';
import type { AttachmentRecord, SubmissionRecord } from '../domain/submission-record.ts';
import { formatJointSymbol } from '../domain/symbols.ts';
import { auditTrail } from './audit-trail.ts';
import { consoleNav } from './console-nav.ts';
import { ANY_STATUS, type IntakeField, type IntakeValues } from './intake-filter.ts';
import {
  agendaItemList,
  csrfField,
  dateTime,
  errorSummary,
  type FieldErrors,
  html,
  inputField,
  langAttrs,
  layout,
  type Node,
  type PageContext,
  type Paging,
  pager,
  STATUSES,
  selectField,
  symbolList,
  textAreaField,
} from './markup.ts';
import { type Messages, messages } from './messages.ts';

const consolePath = (ctx: PageContext) => `/${ctx.lang}/console`;
export const submissionPath = (lang: string, id: string) => `/${lang}/console/submissions/${id}`;

/** The console page of a registered document: each segment of its symbol encoded, `/` kept. */
export const consoleDocumentPath = (lang: string, symbol: string) =>
  `/${lang}/console/documents/${symbol.split('/').map(encodeURIComponent).join('/')}`;

// ---- The queue -------------------------------------------------------------------------------------

export interface QueueView extends Paging {
  values: IntakeValues;
  /** The fields that hold what they cannot mean, and `cursor` for a page link no longer valid. */
  invalid: readonly (IntakeField | 'cursor')[];
  items: readonly SubmissionRecord[];
}

const invalidMessage = (t: Messages, field: IntakeField): string =>
  ({
    status: t.intake.invalidStatus,
    organ: t.intake.invalidOrgan,
    session: t.intake.invalidSession,
    olderThan: t.intake.invalidOlderThan,
  })[field];

function filterForm(ctx: PageContext, view: QueueView, errors: FieldErrors): Node {
  const t = messages(ctx.lang);
  return html`<form class="filter" method="get" action="${consolePath(ctx)}" aria-labelledby="filter-heading">
    <h2 id="filter-heading">${t.intake.filterHeading}</h2>
    <div class="fields">
      ${selectField({
        name: 'status',
        label: t.intake.status,
        value: view.values.status ?? 'received',
        errors,
        options: [
          ...STATUSES.map((s) => [s, t.status[s]] as const),
          [ANY_STATUS, t.intake.anyStatus] as const,
        ],
      })}
      ${selectField({
        name: 'organ',
        label: t.intake.organ,
        value: view.values.organ ?? '',
        errors,
        options: [
          ['', t.intake.anyOrgan] as const,
          ...ORGANS.map((o) => [o, organName(o, ctx.lang)] as const),
        ],
      })}
      ${inputField({
        name: 'session',
        label: t.intake.session,
        hint: t.intake.sessionHint,
        value: view.values.session,
        errors,
        inputMode: 'numeric',
        autocomplete: 'off',
        maxLength: 5,
      })}
      ${inputField({
        name: 'olderThan',
        label: t.intake.olderThan,
        hint: t.intake.olderThanHint,
        value: view.values.olderThan,
        errors,
        inputMode: 'numeric',
        autocomplete: 'off',
        maxLength: 5,
      })}
    </div>
    <div class="actions">
      <button type="submit">${t.intake.apply}</button>
      <a href="${consolePath(ctx)}">${t.intake.reset}</a>
    </div>
  </form>`;
}

function queueTable(ctx: PageContext, items: readonly SubmissionRecord[]): Node {
  const t = messages(ctx.lang);
  return html`<table class="submissions">
    <thead>
      <tr>
        <th scope="col">${t.portal.title}</th>
        <th scope="col">${t.console.state}</th>
        <th scope="col">${t.intake.organs}</th>
        <th scope="col">${t.portal.status}</th>
        <th scope="col">${t.portal.submitted}</th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (record) => html`<tr>
          <th scope="row">
            <a href="${submissionPath(ctx.lang, record.id)}"
              ><span${langAttrs(ctx, record.submission.language)}>${record.submission.title}</span></a
            >
          </th>
          <td><span dir="ltr">${record.state}</span></td>
          <td>${record.submission.circulation.map((c) => organName(c.organ, ctx.lang)).join(t.listSeparator)}</td>
          <td>${t.status[record.status]}</td>
          <td>${dateTime(record.createdAt, ctx.lang)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

export function queuePage(ctx: PageContext, view: QueueView): string {
  const t = messages(ctx.lang);
  const errors: Record<string, string> = {};
  for (const field of view.invalid) {
    if (field !== 'cursor') errors[field] = invalidMessage(t, field);
  }
  const labels = {
    status: t.intake.status,
    organ: t.intake.organ,
    session: t.intake.session,
    olderThan: t.intake.olderThan,
  };
  const base = consolePath(ctx);
  return layout(
    ctx,
    t.console.heading,
    html`${consoleNav(ctx, 'queue')}
      <h1>${t.console.heading}</h1>
      <p>${t.console.intro}</p>
      ${errorSummary(t.intake.invalidHeading, errors, labels)}
      ${
        view.invalid.includes('cursor') &&
        html`<div class="errors" id="errors" role="alert"><p>${t.intake.invalidCursor}</p></div>`
      }
      ${filterForm(ctx, view, errors)}
      ${
        view.invalid.length === 0 &&
        (view.items.length === 0 ? html`<p class="none">${t.intake.none}</p>` : queueTable(ctx, view.items))
      }
      ${pager(base, view, { label: t.intake.pages, first: t.intake.first, next: t.intake.next })}`,
  );
}

// ---- A submission ----------------------------------------------------------------------------------

export interface SubmissionView {
  record: SubmissionRecord;
  /** The agenda items of each GA session, with their titles where the session's agenda is loaded. */
  agendaItems: ReadonlyMap<number, readonly AgendaItem[]>;
  /** Once registered: the job number its document took. */
  jobNumber?: string;
  /** A rejection that was refused: what was typed and what is wrong with it. */
  reject?: { reason: string; error: string };
  /** Who did what to it, oldest first. */
  audit: readonly AuditEntry[];
}

const ADDRESSEE_KEYS: Record<Addressee, keyof Messages['intake']> = {
  'secretary-general': 'secretaryGeneral',
  'president-general-assembly': 'presidentGeneralAssembly',
  'president-security-council': 'presidentSecurityCouncil',
  'president-economic-and-social-council': 'presidentEconomicAndSocialCouncil',
};

function attachmentLine(t: Messages, attachment: AttachmentRecord | undefined): string {
  if (attachment?.status === 'verified') {
    return fill(t.intake.pdfVerified, { pages: String(attachment.pages ?? 0) });
  }
  return attachment?.status === 'invalid' ? t.intake.pdfInvalid : t.intake.pdfPending;
}

/** The paragraphs of a text as typed (its Markdown left as it is), in its own language. */
const paragraphs = (ctx: PageContext, text: string, lang: SubmissionRecord['submission']['language']) =>
  html`<div class="letter"${langAttrs(ctx, lang)}>
    ${text
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => html`<p>${p}</p>`)}
  </div>`;

function actions(ctx: PageContext, view: SubmissionView): Node {
  const t = messages(ctx.lang);
  const { record } = view;
  const here = submissionPath(ctx.lang, record.id);
  if (record.status === 'received') {
    const errors: FieldErrors = view.reject ? { reason: view.reject.error } : {};
    return html`<section aria-labelledby="actions-heading">
      <h2 id="actions-heading">${t.intake.actions}</h2>
      <p><a class="button" href="${`${here}/register`}">${t.intake.registerLink}</a></p>
      <form method="post" action="${`${here}/reject`}" aria-labelledby="reject-heading">
        <h3 id="reject-heading">${t.intake.rejectHeading}</h3>
        ${csrfField(ctx)}
        ${textAreaField({
          name: 'reason',
          label: t.intake.reason,
          hint: t.intake.reasonHint,
          value: view.reject?.reason,
          errors,
          required: true,
          rows: 3,
          maxLength: 2000,
        })}
        <div class="actions"><button type="submit">${t.intake.rejectSubmit}</button></div>
      </form>
    </section>`;
  }
  const symbols = record.documentSymbols;
  if (!symbols || symbols.length === 0) return null;
  return html`<section aria-labelledby="actions-heading">
    <h2 id="actions-heading">${t.intake.actions}</h2>
    <p>
      <a href="${consoleDocumentPath(ctx.lang, formatJointSymbol(symbols))}"
        >${t.intake.documentLink}${t.listSeparator}${symbolList(symbols)}</a
      >
    </p>
  </section>`;
}

export function submissionPage(ctx: PageContext, view: SubmissionView): string {
  const t = messages(ctx.lang);
  const { record } = view;
  const s = record.submission;
  const fact = (label: string, value: Node) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const errors: FieldErrors = view.reject ? { reason: view.reject.error } : {};
  return layout(
    ctx,
    s.title,
    html`<p><a href="${consolePath(ctx)}">${t.intake.back}</a></p>
      <h1><span${langAttrs(ctx, s.language)}>${s.title}</span></h1>
      ${errorSummary(t.intake.errorHeading, errors, { reason: t.intake.reason })}
      <h2>${t.intake.details}</h2>
      <dl class="facts">
        ${fact(t.portal.status, t.status[record.status])}
        ${record.documentSymbols && fact(t.portal.symbols, symbolList(record.documentSymbols))}
        ${view.jobNumber && fact(t.portal.jobNumber, html`<span dir="ltr">${view.jobNumber}</span>`)}
        ${fact(t.console.state, html`<span dir="ltr">${record.state}</span>`)}
        ${fact(t.intake.kind, s.kind === 'letter' ? t.intake.letter : t.intake.noteVerbale)}
        ${fact(
          t.intake.addressees,
          html`<ul>${s.addressees.map((a) => html`<li>${t.intake[ADDRESSEE_KEYS[a]]}</li>`)}</ul>`,
        )}
        ${fact(
          t.intake.organs,
          s.circulation.map(
            (entry) => html`<div class="organ">
              <strong>${organName(entry.organ, ctx.lang)}</strong>${
                entry.organ === 'GA' &&
                html`${t.listSeparator}${sessionLine(entry.session, ctx.lang)}
                  ${agendaItemList(
                    ctx,
                    view.agendaItems.get(entry.session) ??
                      entry.agendaItems.map((item) => ({ item, title: {} })),
                  )}`
              }
            </div>`,
          ),
        )}
        ${fact(t.document.letterDate, dateTime(s.date, ctx.lang))}
        ${fact(
          t.intake.language,
          html`<span lang="${s.language}" dir="${DIRECTION[s.language]}">${messages(s.language).autonym}</span>`,
        )}
        ${fact(t.portal.submitted, dateTime(record.createdAt, ctx.lang))}
      </dl>
      <h2>${t.intake.body}</h2>
      ${paragraphs(ctx, s.body, s.language)}
      <h2>${t.intake.annexes}</h2>
      ${
        (s.annexes ?? []).length === 0
          ? html`<p>${t.intake.noAnnexes}</p>`
          : html`<ol class="annexes">
            ${(s.annexes ?? []).map(
              (annex, index) => html`<li>
                <strong${langAttrs(ctx, s.language)}>${annex.heading}</strong>
                ${annex.title && html`<div${langAttrs(ctx, s.language)}>${annex.title}</div>`}
                <div class="meta">
                  ${
                    annex.body === undefined
                      ? attachmentLine(
                          t,
                          record.attachments.find((a) => a.annex === index),
                        )
                      : t.intake.textAnnex
                  }
                </div>
              </li>`,
            )}
          </ol>`
      }
      <h2>${t.portal.timeline}</h2>
      <ol class="timeline">
        ${record.timeline.map(
          (step) => html`<li>
            <strong>${t.status[step.step]}</strong>${t.listSeparator}${dateTime(step.at, ctx.lang)}${t.listSeparator}${fill(
              t.portal.by,
              { role: t.role[step.actor.role] },
            )}
            ${step.symbols && html`<div>${t.portal.symbols}${t.listSeparator}${symbolList(step.symbols)}</div>`}
            ${step.reason && html`<div>${fill(t.labelValue, { label: t.portal.reason, value: step.reason })}</div>`}
          </li>`,
        )}
      </ol>
      ${actions(ctx, view)} ${auditTrail(ctx, view.audit)}`,
  );
}

// ---- Registering ---------------------------------------------------------------------------------

export function registerPage(ctx: PageContext, record: SubmissionRecord, forecast: Forecast): string {
  const t = messages(ctx.lang);
  const here = submissionPath(ctx.lang, record.id);
  return layout(
    ctx,
    t.intake.confirmHeading,
    html`<p><a href="${here}">${t.intake.cancel}</a></p>
      <h1>${t.intake.confirmHeading}</h1>
      <p><span${langAttrs(ctx, record.submission.language)}>${record.submission.title}</span></p>
      <p>${t.intake.confirmIntro}</p>
      <dl class="facts forecast">
        <dt>${t.portal.symbols}</dt>
        <dd>${symbolList(forecast.symbols)}</dd>
        <dt>${t.portal.jobNumber}</dt>
        <dd><span dir="ltr">${forecast.jobNumber}</span></dd>
        <dt>${t.document.issued}</dt>
        <dd>${dateTime(forecast.issued, ctx.lang)}</dd>
      </dl>
      <p class="notice">${t.intake.forecast}</p>
      <form method="post" action="${`${here}/register`}">
        ${csrfField(ctx)}
        <div class="actions">
          <button type="submit">${t.intake.confirm}</button>
          <a href="${here}">${t.intake.cancel}</a>
        </div>
      </form>`,
  );
}

/** A registration or rejection that could not be made: what stands in its way, in words. */
export function problemPage(
  ctx: PageContext,
  record: SubmissionRecord,
  problem: { title: string; lines: readonly string[] },
): string {
  const t = messages(ctx.lang);
  return layout(
    ctx,
    problem.title,
    html`<p><a href="${submissionPath(ctx.lang, record.id)}">${t.intake.cancel}</a></p>
      <h1>${problem.title}</h1>
      <div class="errors" id="errors" role="alert">
        <ul>
          ${problem.lines.map((line) => html`<li>${line}</li>`)}
        </ul>
      </div>
      <p><span${langAttrs(ctx, record.submission.language)}>${record.submission.title}</span></p>`,
  );
}
