/**
 * The officer console's document pages: the document with its six-language grid, distribution and
 * follow-up forms; the form of one language version; the question asked before distributing fewer
 * than six languages; the distribution's progress, which refreshes itself (a meta refresh, not a
 * script) until the document is public.
 */
import type { AuditEntry } from '../domain/audit.ts';
import { formatDate } from '../domain/dates.ts';
import type { DistributionState, StoredPdf } from '../domain/distribution.ts';
import type { Version } from '../domain/document.ts';
import { consolePath, pagePath } from '../domain/document-urls.ts';
import { DIRECTION, LANGUAGES, type Lang } from '../domain/languages.ts';
import { agendaLine, organName, sessionLine, yearLine } from '../domain/masthead.ts';
import { FOLLOWUP_KINDS, type FollowupKind, type RegisteredDocument } from '../domain/registration.ts';
import { fill } from '../domain/strings.ts';
import { auditTrail } from './audit-trail.ts';
import {
  attrs,
  csrfField,
  errorSummary,
  type FieldErrors,
  html,
  inputField,
  kilobytes,
  langAttrs,
  layout,
  type Node,
  type PageContext,
  selectField,
  symbolList,
  textAreaField,
} from './markup.ts';
import { type Messages, messages } from './messages.ts';

type T = Messages['consoleDocument'];
const words = (ctx: PageContext): T => messages(ctx.lang).consoleDocument;

/** Where the pages of a document are, in the page's language. */
export const consoleDocumentPaths = (symbol: string, lang: Lang) => {
  const base = consolePath(symbol, lang);
  return {
    document: base,
    version: (l: Lang) => `${base}/versions/${l}`,
    preview: (l: Lang) => `${base}/preview/${l}`,
    distribute: `${base}/distribute`,
    progress: `${base}/progress`,
    followups: `${base}/followups`,
  };
};

/** The title in the page's language, else in the original language, else in any that has one. */
function titleOf(document: RegisteredDocument, uiLang: Lang): { text: string; lang: Lang } | undefined {
  for (const lang of [uiLang, document.originalLanguage, ...LANGUAGES]) {
    const title = document.versions[lang]?.title;
    if (title) return { text: title, lang };
  }
  return undefined;
}

/** The language's own name, marked as such. */
const autonym = (l: Lang) => html`<span lang="${l}" dir="${DIRECTION[l]}">${messages(l).autonym}</span>`;

/** `Version in French` and the like: the language as this page's language names it. */
const named = (t: T, pattern: string, l: Lang, more: Record<string, string> = {}) =>
  fill(pattern, { language: t.languageNames[l], ...more });

function organLines(ctx: PageContext, document: RegisteredDocument): Node {
  return html`<ul class="organs">
    ${document.circulation.map((entry) => {
      const parts =
        entry.organ === 'GA'
          ? [
              organName(entry.organ, ctx.lang),
              sessionLine(entry.session, ctx.lang),
              agendaLine(
                entry.agendaItems.map((i) => i.item),
                ctx.lang,
              ),
            ]
          : [organName(entry.organ, ctx.lang), yearLine(entry.year, ctx.lang)];
      return html`<li>${parts.join(messages(ctx.lang).listSeparator)}</li>`;
    })}
  </ul>`;
}

export interface FollowupForm {
  /** The idempotency key of this rendering of the form: a second post of it makes no second document. */
  key: string;
  values?: { type?: string; issued?: string };
  errors?: FieldErrors;
}

export interface ConsoleDocumentView {
  document: RegisteredDocument;
  state: DistributionState;
  pdfs: readonly StoredPdf[];
  /** The languages whose stored PDF was rendered from the version as it now stands. */
  current: readonly Lang[];
  followup: FollowupForm;
  /** A problem to say at the top (a form that no longer fits the document's state). */
  notice?: string;
  /** Who did what to it, oldest first. */
  audit: readonly AuditEntry[];
}

function grid(ctx: PageContext, view: ConsoleDocumentView): Node {
  const t = words(ctx);
  const { document, state, pdfs, current } = view;
  const paths = consoleDocumentPaths(document.symbol, ctx.lang);
  const distributed = state.status === 'distributed';
  return html`<table class="grid">
    <caption>${t.grid}</caption>
    <thead>
      <tr>
        <th scope="col">${t.language}</th>
        <th scope="col">${t.version}</th>
        <th scope="col">${t.rendered}</th>
        <th scope="col">${t.distributed}</th>
        <th scope="col">${t.size}</th>
        <th scope="col">${t.pages}</th>
        <th scope="col">${t.links}</th>
      </tr>
    </thead>
    <tbody>
      ${LANGUAGES.map((l) => {
        const version = document.versions[l];
        const pdf = pdfs.find((p) => p.lang === l);
        const rendered = !pdf ? t.no : distributed || current.includes(l) ? t.yes : t.stale;
        const issued = distributed && state.languages.includes(l);
        return html`<tr class="${version ? 'in' : 'missing'}">
          <th scope="row">${autonym(l)}</th>
          <td>${version ? t.versionIn : html`<strong>${t.versionMissing}</strong>`}</td>
          <td>${rendered}</td>
          <td>${issued ? t.yes : t.no}</td>
          <td>${pdf ? kilobytes(messages(ctx.lang), pdf.bytes) : ''}</td>
          <td>${pdf ? String(pdf.pages) : ''}</td>
          <td>
            <ul class="row-links">
              ${
                !distributed &&
                html`<li><a href="${paths.version(l)}">${named(t, version ? t.editVersion : t.addVersion, l)}</a></li>`
              }
              ${
                version &&
                html`<li><a href="${paths.preview(l)}" type="application/pdf" hreflang="${l}"
                  >${named(t, t.previewVersion, l)}</a></li>`
              }
            </ul>
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

function distributeSection(ctx: PageContext, view: ConsoleDocumentView): Node {
  const t = words(ctx);
  const { document, state } = view;
  const paths = consoleDocumentPaths(document.symbol, ctx.lang);
  if (state.status === 'distributed') {
    return html`<section aria-labelledby="distribution">
      <h2 id="distribution">${t.distributeHeading}</h2>
      ${state.distributedAt && html`<p>${fill(t.distributedOn, { date: formatDate(state.distributedAt.slice(0, 10), ctx.lang) })}</p>`}
      <p><a href="${pagePath(document.symbol, ctx.lang)}">${t.publicLink}</a></p>
    </section>`;
  }
  const present = LANGUAGES.filter((l) => document.versions[l]);
  return html`<section aria-labelledby="distribution">
    <h2 id="distribution">${t.distributeHeading}</h2>
    <p>${t.distributeIntro}</p>
    ${
      present.length === 0
        ? html`<p class="notice">${t.noVersions}</p>`
        : html`<form method="post" action="${paths.distribute}">
            ${csrfField(ctx)}
            <div class="actions"><button type="submit">${t.distribute}</button></div>
          </form>`
    }
    ${state.requested && html`<p><a href="${paths.progress}">${t.progressLink}</a></p>`}
  </section>`;
}

const FOLLOWUP_LABEL = (t: T): Record<FollowupKind, string> => ({
  addendum: t.addendum,
  corrigendum: t.corrigendum,
  revision: t.revision,
  reissue: t.reissue,
});

function followupSection(ctx: PageContext, view: ConsoleDocumentView): Node {
  const t = words(ctx);
  const { key, values = {}, errors = {} } = view.followup;
  const labels = FOLLOWUP_LABEL(t);
  return html`<section aria-labelledby="followups">
    <h2 id="followups">${t.followupsHeading}</h2>
    <p>${t.followupIntro}</p>
    ${errorSummary(t.followupProblems, errors, { type: t.followupType, issued: t.issued })}
    <form method="post" action="${consoleDocumentPaths(view.document.symbol, ctx.lang).followups}" novalidate>
      ${csrfField(ctx)}
      <input type="hidden" name="key" value="${key}" />
      <div class="fields">
        ${selectField({
          name: 'type',
          label: t.followupType,
          hint: t.followupHint,
          value: values.type ?? 'addendum',
          errors,
          options: FOLLOWUP_KINDS.map((kind) => [kind, labels[kind]] as const),
        })}
        ${inputField({
          name: 'issued',
          label: t.issued,
          hint: t.issuedHint,
          value: values.issued,
          errors,
          ltr: true,
          inputMode: 'numeric',
          maxLength: 10,
        })}
      </div>
      <div class="actions"><button type="submit">${t.followupSubmit}</button></div>
    </form>
  </section>`;
}

/** The facts at the top of every page of a document. */
function facts(ctx: PageContext, document: RegisteredDocument): Node {
  const t = words(ctx);
  const all = messages(ctx.lang);
  const fact = (label: string, value: Node) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return html`<dl class="facts">
    ${fact(t.symbols, symbolList(document.symbols))}
    ${fact(t.jobNumber, html`<span dir="ltr">${document.jobNumber}</span>`)}
    ${fact(t.status, all.status[document.status])}
    ${fact(t.organs, organLines(ctx, document))}
  </dl>`;
}

export function consoleDocumentPage(ctx: PageContext, view: ConsoleDocumentView): string {
  const t = words(ctx);
  const { document } = view;
  const title = titleOf(document, ctx.lang);
  return layout(
    ctx,
    document.symbol,
    html`<p><a href="${`/${ctx.lang}/console`}">${t.back}</a></p>
      <h1><span dir="ltr">${document.symbol}</span></h1>
      ${title && html`<p class="doc-title"${langAttrs(ctx, title.lang)}>${title.text}</p>`}
      ${view.notice && html`<div class="errors" id="errors" role="alert"><p>${view.notice}</p></div>`}
      ${facts(ctx, document)}
      ${grid(ctx, view)}
      ${distributeSection(ctx, view)}
      ${followupSection(ctx, view)} ${auditTrail(ctx, view.audit)}`,
  );
}

/** What the version form holds: the stored version, or what was typed. */
export interface VersionValues {
  title: string;
  body: string;
  signatureName: string;
  signatureTitle: string;
}

export const valuesOf = (version: Version | undefined): VersionValues => ({
  title: version?.title ?? '',
  body: version?.body ?? '',
  signatureName: version?.signature?.name ?? '',
  signatureTitle: (version?.signature?.title ?? []).join('\n'),
});

export interface VersionFormView {
  document: RegisteredDocument;
  docLang: Lang;
  values: VersionValues;
  errors: FieldErrors;
  /** How many annexes the stored version has (kept as they are). */
  annexes: number;
  notice?: string;
}

export function versionFormPage(ctx: PageContext, view: VersionFormView): string {
  const t = words(ctx);
  const { document, docLang, values, errors } = view;
  const paths = consoleDocumentPaths(document.symbol, ctx.lang);
  const heading = named(t, t.versionHeading, docLang, { symbol: document.symbol });
  const typed = { errors, lang: docLang };
  return layout(
    ctx,
    heading,
    html`<p><a href="${paths.document}">${t.cancel}</a></p>
      <h1>${heading}</h1>
      <p>${t.versionIntro}</p>
      ${view.notice && html`<div class="errors" id="errors" role="alert"><p>${view.notice}</p></div>`}
      ${errorSummary(t.versionProblems, errors, {
        title: t.versionTitle,
        body: t.versionBody,
        signatureName: t.signatureName,
        signatureTitle: t.signatureTitle,
      })}
      <form method="post" action="${paths.version(docLang)}" novalidate>
        ${csrfField(ctx)}
        ${inputField({ name: 'title', label: t.versionTitle, value: values.title, required: true, maxLength: 2000, ...typed })}
        ${textAreaField({ name: 'body', label: t.versionBody, hint: t.versionBodyHint, value: values.body, required: true, rows: 20, ...typed })}
        ${inputField({ name: 'signatureName', label: t.signatureName, hint: t.signatureNameHint, value: values.signatureName, maxLength: 300, ...typed })}
        ${textAreaField({ name: 'signatureTitle', label: t.signatureTitle, hint: t.signatureTitleHint, value: values.signatureTitle, rows: 3, ...typed })}
        ${view.annexes > 0 && html`<p class="meta">${fill(t.annexesKept, { count: String(view.annexes) })}</p>`}
        <div class="actions"><button type="submit">${t.save}</button></div>
      </form>
      ${document.versions[docLang] && html`<p><a href="${paths.preview(docLang)}" type="application/pdf" hreflang="${docLang}">${named(t, t.previewVersion, docLang)}</a></p>`}`,
  );
}

/** Each language by its name here, and by its own name where that differs. */
const languageList = (ctx: PageContext, languages: readonly Lang[]) =>
  html`<ul class="languages-named">
    ${languages.map(
      (l) => html`<li>${words(ctx).languageNames[l]}${l !== ctx.lang && html` (${autonym(l)})`}</li>`,
    )}
  </ul>`;

/** Asked before distributing with versions missing: which are, and which alone would be issued. */
export function confirmDistributePage(
  ctx: PageContext,
  document: RegisteredDocument,
  present: readonly Lang[],
  missing: readonly Lang[],
): string {
  const t = words(ctx);
  const paths = consoleDocumentPaths(document.symbol, ctx.lang);
  return layout(
    ctx,
    t.confirmHeading,
    html`<p><a href="${paths.document}">${t.cancel}</a></p>
      <h1>${t.confirmHeading}</h1>
      <p><span dir="ltr">${document.symbol}</span></p>
      <p>${t.confirmMissing}</p>
      ${languageList(ctx, missing)}
      <p>${t.confirmPresent}</p>
      ${languageList(ctx, present)}
      <p class="notice">${t.confirmNote}</p>
      <form method="post" action="${paths.distribute}">
        ${csrfField(ctx)}
        <input type="hidden" name="partial" value="true" />
        ${present.map((l) => html`<input type="hidden" name="languages" value="${l}" />`)}
        <div class="actions">
          <button type="submit">${t.confirmSubmit}</button>
          <a href="${paths.document}">${t.cancel}</a>
        </div>
      </form>`,
  );
}

/** How often the progress page asks again, in seconds. */
export const PROGRESS_REFRESH_SECONDS = 2;

export function progressPage(
  ctx: PageContext,
  document: RegisteredDocument,
  state: DistributionState,
): string {
  const t = words(ctx);
  const paths = consoleDocumentPaths(document.symbol, ctx.lang);
  const done = state.status === 'distributed';
  const stateOf = (l: Lang) => {
    if (state.stored.includes(l)) return t.done;
    const pending = state.pendingLanguages.find((p) => p.language === l);
    return pending?.status === 'rendering' ? t.rendering : t.queued;
  };
  const refresh = !done && state.requested;
  return layout(
    ctx,
    t.progressHeading,
    html`<p><a href="${paths.document}">${t.cancel}</a></p>
      <h1>${t.progressHeading}</h1>
      <p><span dir="ltr">${document.symbol}</span></p>
      ${
        done
          ? html`<p class="notice" role="status">${t.isPublic}</p>
              <p><a href="${pagePath(document.symbol, ctx.lang)}">${t.publicLink}</a></p>`
          : state.requested
            ? html`<p>${t.progressRefresh}</p>`
            : html`<p>${t.notRequested}</p>`
      }
      ${state.stalled && html`<div class="errors" role="alert"><p>${t.stalled}</p></div>`}
      ${
        state.languages.length > 0 &&
        html`<table class="progress">
          <caption>${t.progressHeading}</caption>
          <thead><tr><th scope="col">${t.language}</th><th scope="col">${t.status}</th></tr></thead>
          <tbody>
            ${state.languages.map(
              (l) => html`<tr${attrs({ class: state.stored.includes(l) ? 'done' : undefined })}>
                <th scope="row">${autonym(l)}</th>
                <td>${stateOf(l)}</td>
              </tr>`,
            )}
          </tbody>
        </table>`
      }`,
    refresh && html`<meta http-equiv="refresh" content="${String(PROGRESS_REFRESH_SECONDS)}" />`,
  );
}
