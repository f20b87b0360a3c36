/** The mission portal's pages: the State's submissions, and one submission with its timeline. */
import { pagePath } from '../domain/document-urls.ts';
import { DIRECTION, type Lang } from '../domain/languages.ts';
import type { DocumentMetadata } from '../domain/public-document.ts';
import { fill } from '../domain/strings.ts';
import type { SubmissionRecord, SubmissionStatus } from '../domain/submission-record.ts';
import {
  attrs,
  dateTime,
  html,
  langAttrs,
  layout,
  type Node,
  type PageContext,
  type Paging,
  pager,
  pdfLinks,
  STATUSES,
  submissionTable,
  symbolList,
} from './markup.ts';
import { messages } from './messages.ts';

export interface PortalView extends Paging {
  state: string;
  status?: SubmissionStatus;
  invalid: boolean;
  items: readonly SubmissionRecord[];
}

export function portalPage(ctx: PageContext, view: PortalView): string {
  const t = messages(ctx.lang);
  const base = `/${ctx.lang}/portal`;
  return layout(
    ctx,
    t.portal.heading,
    html`<h1>${t.portal.heading}</h1>
      <p>${fill(t.portal.intro, { state: view.state })}</p>
      <p><a href="${`${base}/submissions/new`}">${t.submit.link}</a></p>
      ${view.invalid && html`<div class="errors" id="errors"><p id="status-error">${t.portal.badFilter}</p></div>`}
      <form class="filter" method="get" action="${base}">
        <div class="field">
          <label for="status">${t.portal.filter}</label>
          <select id="status" name="status"${attrs({
            'aria-invalid': view.invalid ? 'true' : undefined,
            'aria-describedby': view.invalid ? 'status-error' : undefined,
          })}>
            <option value="">${t.portal.anyStatus}</option>
            ${STATUSES.map(
              (s) =>
                html`<option value="${s}"${attrs({ selected: view.status === s ? '' : undefined })}>${t.status[s]}</option>`,
            )}
          </select>
        </div>
        <div class="actions"><button type="submit">${t.portal.apply}</button></div>
      </form>
      ${
        view.items.length === 0
          ? html`<p class="none">${t.portal.none}</p>`
          : submissionTable(ctx, view.items, {
              heading: t.portal.status,
              cell: (record) => t.status[record.status],
              href: (record) => `${base}/submissions/${record.id}`,
            })
      }
      ${pager(base, view, { label: t.portal.heading, first: t.portal.first, next: t.portal.next })}`,
  );
}

export interface SubmissionPageView {
  record: SubmissionRecord;
  /** Once registered: the job number its document took. */
  jobNumber?: string;
  /** Once registered: the language versions its document has received so far. */
  versions?: readonly Lang[];
  /** Once distributed and public: the document, for its job number and PDF links. */
  published?: DocumentMetadata;
}

export function portalSubmissionPage(
  ctx: PageContext,
  { record, jobNumber, versions, published }: SubmissionPageView,
): string {
  const t = messages(ctx.lang);
  const fact = (label: string, value: Node) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return layout(
    ctx,
    record.submission.title,
    html`<p><a href="${`/${ctx.lang}/portal`}">${t.portal.back}</a></p>
      <h1><span${langAttrs(ctx, record.submission.language)}>${record.submission.title}</span></h1>
      <dl class="facts">
        ${fact(t.portal.status, t.status[record.status])}
        ${fact(t.portal.submitted, dateTime(record.createdAt, ctx.lang))}
        ${record.documentSymbols && fact(t.portal.symbols, symbolList(record.documentSymbols))}
        ${jobNumber && fact(t.portal.jobNumber, html`<span dir="ltr">${jobNumber}</span>`)}
        ${
          versions !== undefined &&
          versions.length > 0 &&
          fact(
            t.submit.versions,
            html`<ul class="versions">
              ${versions.map((l) => html`<li><span lang="${l}" dir="${DIRECTION[l]}">${messages(l).autonym}</span></li>`)}
            </ul>`,
          )
        }
      </dl>
      <h2>${t.portal.timeline}</h2>
      <ol class="timeline">
        ${record.timeline.map(
          (step) => html`<li>
            <strong>${t.status[step.step]}</strong>${t.listSeparator}${dateTime(step.at, ctx.lang)}${t.listSeparator}${fill(
              t.portal.by,
              { role: t.role[step.actor.role] },
            )}
            ${step.symbols && html`<div>${fill(t.labelValue, { label: t.portal.symbols, value: step.symbols.join(' ') })}</div>`}
            ${step.reason && html`<div>${fill(t.labelValue, { label: t.portal.reason, value: step.reason })}</div>`}
          </li>`,
        )}
      </ol>
      ${
        published &&
        html`<h2>${t.portal.pdfs}</h2>
        <p><a href="${pagePath(published.symbol, ctx.lang)}">${symbolList(published.symbols)}</a></p>
        ${pdfLinks(ctx, published)}`
      }`,
  );
}
