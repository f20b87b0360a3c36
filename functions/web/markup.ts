/**
 * What every page is built from: hono's `html` tagged templates (which escape every value put into
 * them, text and attribute values alike; `raw` is used only for this file's own attribute names,
 * never for data), the page layout with its language bar and account bar, form fields that show
 * their problem next to them, and the fragments several pages share (PDF links, agenda items,
 * submission tables). UI wording comes from the message files (messages.ts); organ names, session
 * and year lines, agenda lines and dates from the masthead strings the PDFs print (domain/masthead.ts).
 */
import { raw, html as template } from 'hono/html';
import { formatDate } from '../domain/dates.ts';
import { persistentUrl } from '../domain/document-urls.ts';
import { DIRECTION, LANGUAGES, type Lang } from '../domain/languages.ts';
import { agendaItemNumber, agendaLine, organName, sessionLine, yearLine } from '../domain/masthead.ts';
import type { DocumentMetadata, OrganMetadata } from '../domain/public-document.ts';
import { fill, strings } from '../domain/strings.ts';
import type { SubmissionRecord, SubmissionStatus } from '../domain/submission-record.ts';
import type { Role } from '../domain/tokens.ts';
import { type Messages, messages } from './messages.ts';
/** Escaped markup (what `html` returns), or a value `html` escapes, or nothing. */
export type Markup = Exclude<ReturnType<typeof template>, Promise<unknown>>;
export type Node = Markup | string | null | undefined | false | readonly Node[];

/** `html`, held to rendering synchronously: no value put into a page is a promise. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  const markup = template(strings, ...values);
  if (markup instanceof Promise) throw new Error('A page template was handed a promise');
  return markup;
}

/** Attributes whose value may be absent (then left out); the values are escaped. */
export const attrs = (values: Record<string, string | undefined>): Markup[] =>
  Object.entries(values).flatMap(([name, value]) =>
    value === undefined ? [] : [html` ${raw(name)}="${value}"`],
  );

/** What every page knows: its language, the stylesheet, and how to reach itself in another language. */
export interface PageContext {
  lang: Lang;
  stylesheet: string;
  /** This page's path (and query) in `lang`, for the language bar. */
  hrefIn: (lang: Lang) => string;
  /** Base of the persistent PDF URLs (the QR codes' target), as the API spells them. */
  publicUrl: string;
  /** The page's script (an external file, `defer`), on the one page that has one. */
  script?: string;
  /** On a signed-in page: the role, and the CSRF token of the session's forms (sign-out among them). */
  account?: { role: Role; csrf: string };
}

/** A text in some language, marked as such when it is not the page's. */
export interface Text {
  text: string;
  lang: Lang;
}

/** `lang` and `dir` on a text whose language is not the page's. */
export const langAttrs = (ctx: PageContext, lang: Lang): Markup[] =>
  lang === ctx.lang ? [] : attrs({ lang, dir: DIRECTION[lang] });

/** The title in the UI language, else in the original language, else in any. */
export function titleIn(metadata: DocumentMetadata, lang: Lang): Text | undefined {
  for (const l of [lang, metadata.originalLanguage, ...LANGUAGES]) {
    const text = metadata.title[l];
    if (text) return { text, lang: l };
  }
  return undefined;
}

export const agendaTitle = (title: Partial<Record<Lang, string>>, lang: Lang): Text | undefined => {
  for (const l of [lang, 'en' as const, ...LANGUAGES]) {
    const text = title[l];
    if (text) return { text, lang: l };
  }
  return undefined;
};

/** GA first, as on the masthead. */
export const organsInOrder = (organs: readonly OrganMetadata[]) =>
  [...organs].sort((a, b) => Number(b.organ === 'GA') - Number(a.organ === 'GA'));

export const period = (organ: OrganMetadata, lang: Lang, issued: string): string =>
  organ.organ === 'GA' && organ.session !== undefined
    ? sessionLine(organ.session, lang)
    : yearLine(organ.year ?? Number(issued.slice(0, 4)), lang);

export const kilobytes = (t: Messages, bytes: number) =>
  fill(t.document.size, { size: String(Math.max(1, Math.round(bytes / 1024))) });

/** Symbols read left to right in every page, Arabic included. */
export const symbolList = (symbols: readonly string[]) => html`<span dir="ltr">${symbols.join(' ')}</span>`;

/** Signed in: the role's home and the sign-out form; signed out: the sign-in link. */
export function accountBar(ctx: PageContext): Node {
  const t = messages(ctx.lang);
  if (!ctx.account) {
    return html`<nav class="account" aria-label="${t.account.nav}">
      <ul><li><a href="${`/${ctx.lang}/sign-in`}">${t.signIn.link}</a></li></ul>
    </nav>`;
  }
  const home =
    ctx.account.role === 'officer'
      ? html`<a href="${`/${ctx.lang}/console`}">${t.account.console}</a>`
      : ctx.account.role === 'mission'
        ? html`<a href="${`/${ctx.lang}/portal`}">${t.account.portal}</a>`
        : null;
  return html`<nav class="account" aria-label="${t.account.nav}">
    <ul>
      ${home && html`<li>${home}</li>`}
      <li>
        <form method="post" action="${`/${ctx.lang}/sign-out`}">
          <input type="hidden" name="csrf" value="${ctx.account.csrf}" />
          <button type="submit">${t.account.signOut}</button>
        </form>
      </li>
    </ul>
  </nav>`;
}

/** `head`: what a page adds to the head (the progress page's refresh). */
export function layout(ctx: PageContext, title: string, main: Node, head: Node = null): string {
  // The `expect` link holds the first paint until the footer is parsed: a page painted while its
  // HTML is still arriving (a slow link, a busy machine) would shift as the rest came in.
  const t = messages(ctx.lang);
  const s = strings(ctx.lang);
  const tree = html`<html lang="${ctx.lang}" dir="${DIRECTION[ctx.lang]}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title} | ${t.siteName} | ${s.unitedNations}</title>
      <link rel="stylesheet" href="${ctx.stylesheet}" />
      <link rel="expect" href="#site-end" blocking="render" />
      ${head}
      ${ctx.script && html`<script src="${ctx.script}" defer></script>`}
      ${LANGUAGES.filter((l) => l !== ctx.lang).map(
        (l) => html`<link rel="alternate" hreflang="${l}" href="${ctx.hrefIn(l)}" />`,
      )}
    </head>
    <body>
      <a class="skip-link" href="#main">${t.skipLink}</a>
      <header class="site">
        <div class="bar">
          <a class="brand" href="${`/${ctx.lang}`}">${s.unitedNations}<span>${t.siteName}</span></a>
          <nav aria-label="${t.mainNav}">
            <ul>
              <li><a href="${`/${ctx.lang}`}">${t.home}</a></li>
              <li><a href="${`/${ctx.lang}/search`}">${t.searchLink}</a></li>
            </ul>
          </nav>
          ${accountBar(ctx)}
        </div>
        <nav class="languages" aria-label="${t.languagesLabel}">
          <ul>
            ${LANGUAGES.map(
              (l) =>
                html`<li>
                  <a
                    href="${ctx.hrefIn(l)}"
                    lang="${l}"
                    hreflang="${l}"
                    dir="${DIRECTION[l]}"${attrs({ 'aria-current': l === ctx.lang ? 'page' : undefined })}
                    >${messages(l).autonym}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
      </header>
      <main id="main" tabindex="-1">${main}</main>
      <footer class="site" id="site-end"><p>${t.footer}</p></footer>
    </body>
  </html>`;
  return `<!doctype html>${tree.toString()}`;
}

/** The six language links of a document: each to its persistent PDF URL, with size and pages. */
export function pdfLinks(ctx: PageContext, metadata: DocumentMetadata): Node {
  const t = messages(ctx.lang);
  const symbol = metadata.symbols[0] ?? metadata.symbol;
  return html`<ul class="pdfs" aria-label="${t.results.pdfs}">
    ${metadata.languages.map(
      (l) =>
        html`<li>
          <a href="${persistentUrl(ctx.publicUrl, symbol, l.lang)}" hreflang="${l.lang}" type="application/pdf"
            ><span lang="${l.lang}" dir="${DIRECTION[l.lang]}">${messages(l.lang).autonym}</span></a
          >
          <span class="meta"> ${fill(t.results.pdfSize, { size: kilobytes(t, l.bytes) })}</span>
        </li>`,
    )}
  </ul>`;
}

/** `General Assembly; Seventy-ninth session; Agenda item 51`, one organ per entry. */
export function circulationSummary(ctx: PageContext, metadata: DocumentMetadata): string {
  const t = messages(ctx.lang);
  return organsInOrder(metadata.organs)
    .map((organ) =>
      [
        organName(organ.organ, ctx.lang),
        period(organ, ctx.lang, metadata.dates.issued),
        ...(organ.agendaItems?.length
          ? [
              agendaLine(
                organ.agendaItems.map((i) => i.item),
                ctx.lang,
              ),
            ]
          : []),
      ].join(t.listSeparator),
    )
    .join(t.listSeparator);
}

/** Agenda items, each with its number and its title in the page's language (or the nearest one). */
export function agendaItemList(
  ctx: PageContext,
  items: readonly { item: string; title: Partial<Record<Lang, string>> }[],
  className?: string,
): Node {
  return html`<ul${className ? html` class="${className}"` : ''}>
    ${items.map((item) => {
      const itemTitle = agendaTitle(item.title, ctx.lang);
      return html`<li>
        ${agendaItemNumber(item.item, ctx.lang)}.
        ${itemTitle && html`<span${langAttrs(ctx, itemTitle.lang)}>${itemTitle.text}</span>`}
      </li>`;
    })}
  </ul>`;
}

// ---- Submissions ---------------------------------------------------------------------------------

export const STATUSES: readonly SubmissionStatus[] = ['received', 'registered', 'distributed', 'rejected'];

export const dateTime = (iso: string, lang: Lang) => formatDate(iso.slice(0, 10), lang);

/** Submissions as a table: title (a link where `href` gives one), one column of the caller's, date received. */
export function submissionTable(
  ctx: PageContext,
  records: readonly SubmissionRecord[],
  column: {
    heading: string;
    cell: (record: SubmissionRecord) => string;
    href?: (record: SubmissionRecord) => string;
  },
): Node {
  const t = messages(ctx.lang);
  const title = (record: SubmissionRecord) =>
    html`<span${langAttrs(ctx, record.submission.language)}>${record.submission.title}</span>`;
  return html`<table class="submissions">
    <thead>
      <tr>
        <th scope="col">${t.portal.title}</th>
        <th scope="col">${column.heading}</th>
        <th scope="col">${t.portal.submitted}</th>
      </tr>
    </thead>
    <tbody>
      ${records.map(
        (record) => html`<tr>
          <th scope="row">${column.href ? html`<a href="${column.href(record)}">${title(record)}</a>` : title(record)}</th>
          <td>${column.cell(record)}</td>
          <td>${dateTime(record.createdAt, ctx.lang)}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}

// ---- Forms -----------------------------------------------------------------------------------------

/** Each field's problem, in the UI language, by the field's form name: shown next to the field. */
export type FieldErrors = Readonly<Record<string, string>>;

export interface FieldSpec {
  /** The form name; the element's id is derived from it (`f-` and the name, other signs as `-`). */
  name: string;
  label: string;
  hint?: string;
  /** What was typed (or stored): a form that fails validation comes back with it. */
  value?: string | undefined;
  errors?: FieldErrors;
  type?: string;
  /** Symbols, numbers, tokens and addresses read left to right, in Arabic pages too. */
  ltr?: boolean;
  required?: boolean;
  inputMode?: string;
  autocomplete?: string;
  maxLength?: number;
  /** The language of what is typed, when it is not the page's (a title in French on an English page). */
  lang?: Lang;
}

/** The id of a field's element, from its form name. */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The label, hint and error of a field, and the attributes that tie them to its control. */
function fieldParts(spec: FieldSpec) {
  const id = fieldId(spec.name);
  const error = spec.errors?.[spec.name];
  const described = [spec.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const controlAttrs = attrs({
    id,
    name: spec.name,
    dir: spec.ltr ? 'ltr' : spec.lang ? DIRECTION[spec.lang] : undefined,
    lang: spec.lang,
    required: spec.required ? '' : undefined,
    inputmode: spec.inputMode,
    autocomplete: spec.autocomplete,
    maxlength: spec.maxLength === undefined ? undefined : String(spec.maxLength),
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': described || undefined,
  });
  const label = html`<label for="${id}">${spec.label}</label>
    ${spec.hint && html`<span class="hint" id="${`${id}-hint`}">${spec.hint}</span>`}
    ${error && html`<span class="error" id="${`${id}-error`}">${error}</span>`}`;
  return { label, controlAttrs, error };
}

export function inputField(spec: FieldSpec): Node {
  const { label, controlAttrs, error } = fieldParts(spec);
  return html`<div class="${error ? 'field invalid' : 'field'}">
    ${label}
    <input type="${spec.type ?? 'text'}" value="${spec.value ?? ''}"${controlAttrs} />
  </div>`;
}

export function textAreaField(spec: FieldSpec & { rows?: number }): Node {
  const { label, controlAttrs, error } = fieldParts(spec);
  return html`<div class="${error ? 'field invalid' : 'field'}">
    ${label}
    <textarea rows="${String(spec.rows ?? 8)}"${controlAttrs}>${spec.value ?? ''}</textarea>
  </div>`;
}

/** A list to choose from: `[value, label, language of the label]`. */
export function selectField(
  spec: FieldSpec & { options: readonly (readonly [string, string, Lang?])[]; multiple?: boolean },
  selected: readonly string[] = spec.value === undefined ? [] : [spec.value],
): Node {
  const { label, controlAttrs, error } = fieldParts(spec);
  return html`<div class="${error ? 'field invalid' : 'field'}">
    ${label}
    <select${controlAttrs}${attrs({ multiple: spec.multiple ? '' : undefined })}>
      ${spec.options.map(
        ([value, text, lang]) =>
          html`<option value="${value}"${attrs({
            selected: selected.includes(value) ? '' : undefined,
            lang,
            dir: lang ? DIRECTION[lang] : undefined,
          })}>${text}</option>`,
      )}
    </select>
  </div>`;
}

/**
 * The problems of a form that failed, at its top: a heading the page moves to, and each problem a
 * link to its field (whose own message stands beside it).
 */
export function errorSummary(
  heading: string,
  errors: FieldErrors,
  labels: Readonly<Record<string, string>>,
): Node {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return html`<div class="errors" id="errors" role="alert" tabindex="-1">
    <h2>${heading}</h2>
    <ul>
      ${entries.map(
        ([name, message]) =>
          html`<li><a href="${`#${fieldId(name)}`}">${labels[name] ? `${labels[name]}: ` : ''}${message}</a></li>`,
      )}
    </ul>
  </div>`;
}

/** The session's CSRF token, which every state-changing form of a signed-in page carries. */
export const csrfField = (ctx: PageContext): Node =>
  ctx.account ? html`<input type="hidden" name="csrf" value="${ctx.account.csrf}" />` : null;

/** Where a paged list goes next: the query strings of the next page and, on a later page, the first. */
export interface Paging {
  /** The query string of the next page, if there is one. */
  next?: string;
  /** The query string of the first page, when this is a later one. */
  first?: string;
}

/** The paging of a list from the query it keeps, the cursor it was read at, and the next one. */
export const pagingOf = (keep: Record<string, string>, cursor?: string, nextCursor?: string): Paging => ({
  ...(nextCursor ? { next: new URLSearchParams({ ...keep, cursor: nextCursor }).toString() } : {}),
  ...(cursor ? { first: new URLSearchParams(keep).toString() } : {}),
});

/** The links to a paged list's first page (on a later one) and next page, under `base`. */
export function pager(
  base: string,
  paging: Paging,
  words: { label: string; first: string; next: string },
): Node {
  const { next, first } = paging;
  return (
    (next || first !== undefined) &&
    html`<nav class="pager" aria-label="${words.label}">
      ${first !== undefined && html`<a href="${`${base}${first ? `?${first}` : ''}`}">${words.first}</a>`}
      ${next && html`<a href="${`${base}?${next}`}" rel="next">${words.next}</a>`}
    </nav>`
  );
}
