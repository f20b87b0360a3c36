/**
 * The public pages, rendered on the server to complete HTML: they work with JavaScript off and need
 * no script at all. Markup is written as hono's `html` tagged templates, which escape every value
 * put into them (text and attribute values alike); `raw` is used only for this file's own attribute
 * names, never for data. UI wording comes from the message files (messages.ts); organ names, session and
 * year lines, agenda lines and dates from the masthead strings the PDFs print (domain/masthead.ts).
 */
import { raw, html as template } from 'hono/html';
import { formatDate } from '../domain/dates.ts';
import { pagePath, persistentUrl } from '../domain/document-urls.ts';
import { DIRECTION, isLang, LANGUAGES, type Lang } from '../domain/languages.ts';
import { agendaItemNumber, agendaLine, organName, sessionLine, yearLine } from '../domain/masthead.ts';
import type { DocumentMetadata, OrganMetadata } from '../domain/public-document.ts';
import { ORGANS } from '../domain/search.ts';
import { fill, strings } from '../domain/strings.ts';
import type { SubmissionRecord, SubmissionStatus } from '../domain/submission-record.ts';
import type { Role } from '../domain/tokens.ts';
import type { WebSearchField } from './constants.ts';
import { type Messages, messages } from './messages.ts';

/** Escaped markup (what `html` returns), or a value `html` escapes, or nothing. */
type Markup = Exclude<ReturnType<typeof template>, Promise<unknown>>;
type Node = Markup | string | null | undefined | false | readonly Node[];

/** `html`, held to rendering synchronously: no value put into a page is a promise. */
function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  const markup = template(strings, ...values);
  if (markup instanceof Promise) throw new Error('A page template was handed a promise');
  return markup;
}

/** Attributes whose value may be absent (then left out); the values are escaped. */
const attrs = (values: Record<string, string | undefined>): Markup[] =>
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
  /** On a signed-in page: the role, and the CSRF token of the session's forms (sign-out among them). */
  account?: { role: Role; csrf: string };
}

/** A text in some language, marked as such when it is not the page's. */
interface Text {
  text: string;
  lang: Lang;
}

/** `lang` and `dir` on a text whose language is not the page's. */
const langAttrs = (ctx: PageContext, lang: Lang): Markup[] =>
  lang === ctx.lang ? [] : attrs({ lang, dir: DIRECTION[lang] });

/** The title in the UI language, else in the original language, else in any. */
export function titleIn(metadata: DocumentMetadata, lang: Lang): Text | undefined {
  for (const l of [lang, metadata.originalLanguage, ...LANGUAGES]) {
    const text = metadata.title[l];
    if (text) return { text, lang: l };
  }
  return undefined;
}

const agendaTitle = (title: Partial<Record<Lang, string>>, lang: Lang): Text | undefined => {
  for (const l of [lang, 'en' as const, ...LANGUAGES]) {
    const text = title[l];
    if (text) return { text, lang: l };
  }
  return undefined;
};

/** GA first, as on the masthead. */
const organsInOrder = (organs: readonly OrganMetadata[]) =>
  [...organs].sort((a, b) => Number(b.organ === 'GA') - Number(a.organ === 'GA'));

const period = (organ: OrganMetadata, lang: Lang, issued: string): string =>
  organ.organ === 'GA' && organ.session !== undefined
    ? sessionLine(organ.session, lang)
    : yearLine(organ.year ?? Number(issued.slice(0, 4)), lang);

const kilobytes = (t: Messages, bytes: number) =>
  fill(t.document.size, { size: String(Math.max(1, Math.round(bytes / 1024))) });

/** Symbols read left to right in every page, Arabic included. */
const symbolList = (symbols: readonly string[]) => html`<span dir="ltr">${symbols.join(' ')}</span>`;

/** Signed in: the role's home and the sign-out form; signed out: the sign-in link. */
function accountBar(ctx: PageContext): Node {
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

function layout(ctx: PageContext, title: string, main: Node): string {
  const t = messages(ctx.lang);
  const s = strings(ctx.lang);
  const tree = html`<html lang="${ctx.lang}" dir="${DIRECTION[ctx.lang]}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>${title} | ${t.siteName} | ${s.unitedNations}</title>
      <link rel="stylesheet" href="${ctx.stylesheet}" />
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
      <footer class="site"><p>${t.footer}</p></footer>
    </body>
  </html>`;
  return `<!doctype html>${tree.toString()}`;
}

/** The six language links of a document: each to its persistent PDF URL, with size and pages. */
function pdfLinks(ctx: PageContext, metadata: DocumentMetadata): Node {
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
function circulationSummary(ctx: PageContext, metadata: DocumentMetadata): string {
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
function agendaItemList(
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

function resultItem(ctx: PageContext, metadata: DocumentMetadata): Node {
  const t = messages(ctx.lang);
  const title = titleIn(metadata, ctx.lang);
  const agendaTitles = metadata.organs.flatMap((o) => o.agendaItems ?? []);
  return html`<li class="result">
    <h3>
      <a href="${pagePath(metadata.symbol, ctx.lang)}"
        >${title ? html`<span${langAttrs(ctx, title.lang)}>${title.text}</span>` : symbolList(metadata.symbols)}</a
      >
    </h3>
    <p class="symbols">${symbolList(metadata.symbols)}</p>
    <p class="meta">
      ${[
        fill(t.labelValue, {
          label: t.results.distributed,
          value: formatDate(metadata.dates.distributed, ctx.lang),
        }),
        circulationSummary(ctx, metadata),
      ].join(t.listSeparator)}
    </p>
    ${agendaTitles.length > 0 && agendaItemList(ctx, agendaTitles, 'meta')}
    ${pdfLinks(ctx, metadata)}
  </li>`;
}

// ---- Home ------------------------------------------------------------------------------------------

export function homePage(ctx: PageContext, latest: readonly DocumentMetadata[]): string {
  const t = messages(ctx.lang);
  return layout(
    ctx,
    t.home,
    html`<h1>${t.siteName}</h1>
      <p>${t.homeIntro}</p>
      <form class="search" role="search" method="get" action="${`/${ctx.lang}/search`}">
        <div class="quick">
          <div class="field">
            <label for="q-symbol">${t.form.symbol}</label>
            <span class="hint" id="q-symbol-hint">${t.form.symbolHint}</span>
            <input id="q-symbol" name="symbol" type="text" dir="ltr" autocomplete="off" aria-describedby="q-symbol-hint" />
          </div>
          <button type="submit">${t.form.submit}</button>
        </div>
        <p class="feed"><a href="${`/${ctx.lang}/search`}">${t.form.heading}</a></p>
      </form>
      <h2>${t.latest}</h2>
      ${
        latest.length === 0
          ? html`<p>${t.noneYet}</p>`
          : html`<ol class="results">${latest.map((m) => resultItem(ctx, m))}</ol>`
      }`,
  );
}

// ---- Search ----------------------------------------------------------------------------------------

/** The form's values as typed (empty fields left out). */
export type SearchValues = Partial<Record<WebSearchField, string>>;

export interface SearchView {
  values: SearchValues;
  /** The fields the domain refused (and `cursor` for a page link that is no longer valid). */
  invalid: readonly (WebSearchField | 'cursor')[];
  /** Absent when the search could not run. */
  results?: {
    items: readonly DocumentMetadata[];
    /** The query string of the next page, if there is one. */
    next?: string;
    /** The query string of the first page, when this is a later one. */
    first?: string;
    /** The same search as an Atom feed. */
    feed: string;
  };
}

/** What was searched, in words: `Symbol: A/79/923; Seventy-ninth session`. */
export function searchedText(lang: Lang, values: SearchValues): string {
  const t = messages(lang);
  const parts: string[] = [];
  const labelled = (label: string, value: string) => fill(t.labelValue, { label, value });
  const date = (iso: string) => {
    try {
      return formatDate(iso, lang);
    } catch {
      return iso;
    }
  };
  if (values.symbol) parts.push(labelled(t.form.symbol, values.symbol));
  if (values.q) parts.push(labelled(t.form.words, values.q));
  if (values.lang && isLang(values.lang))
    parts.push(labelled(t.form.wordsLang, messages(values.lang).autonym));
  if (values.job) parts.push(labelled(t.form.job, values.job));
  if (values.organ && (ORGANS as readonly string[]).includes(values.organ)) {
    parts.push(labelled(t.form.organ, organName(values.organ as (typeof ORGANS)[number], lang)));
  }
  const session = Number(values.session);
  if (values.session && Number.isInteger(session) && session > 0) {
    parts.push(labelled(t.form.session, sessionLine(session, lang)));
  }
  if (values.year) parts.push(labelled(t.form.year, values.year));
  if (values.agendaItem) parts.push(labelled(t.form.agendaItem, values.agendaItem));
  if (values.from) parts.push(labelled(t.form.from, date(values.from)));
  if (values.to) parts.push(labelled(t.form.to, date(values.to)));
  if (values.sort === 'symbol') parts.push(labelled(t.form.sort, t.form.sortSymbol));
  return parts.length > 0 ? parts.join(t.listSeparator) : t.results.all;
}

function field(
  view: SearchView,
  name: WebSearchField,
  label: string,
  options: { hint?: string; type?: string; inputMode?: string; ltr?: boolean } = {},
): Node {
  const id = `f-${name}`;
  const invalid = view.invalid.includes(name);
  const described = [options.hint ? `${id}-hint` : '', invalid ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field">
    <label for="${id}">${label}</label>
    ${options.hint && html`<span class="hint" id="${`${id}-hint`}">${options.hint}</span>`}
    <input
      id="${id}"
      name="${name}"
      type="${options.type ?? 'text'}"
      autocomplete="off"
      value="${view.values[name] ?? ''}"${attrs({
        inputmode: options.inputMode,
        dir: options.ltr ? 'ltr' : undefined,
        'aria-invalid': invalid ? 'true' : undefined,
        'aria-describedby': described || undefined,
      })}
    />
  </div>`;
}

/** A list to choose from: `[value, label, language of the label]`, the first one empty. */
function choice(
  view: SearchView,
  name: WebSearchField,
  label: string,
  options: readonly (readonly [string, string, Lang?])[],
): Node {
  const id = `f-${name}`;
  const current = view.values[name] ?? '';
  return html`<div class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${name}"${attrs({
      'aria-invalid': view.invalid.includes(name) ? 'true' : undefined,
      'aria-describedby': view.invalid.includes(name) ? `${id}-error` : undefined,
    })}>
      ${options.map(
        ([value, text, lang]) =>
          html`<option value="${value}"${attrs({
            selected: current === value ? '' : undefined,
            lang,
          })}>${text}</option>`,
      )}
    </select>
  </div>`;
}

function searchForm(ctx: PageContext, view: SearchView): Node {
  const t = messages(ctx.lang);
  return html`<form class="search" role="search" method="get" action="${`/${ctx.lang}/search`}">
    <div class="fields">
      ${field(view, 'symbol', t.form.symbol, { hint: t.form.symbolHint, ltr: true })}
      ${field(view, 'q', t.form.words, { hint: t.form.wordsHint, type: 'search' })}
      ${choice(view, 'lang', t.form.wordsLang, [
        ['', t.form.anyLanguage],
        ...LANGUAGES.map((l) => [l, messages(l).autonym, l] as const),
      ])}
      ${field(view, 'job', t.form.job, { hint: t.form.jobHint, ltr: true })}
      ${choice(view, 'organ', t.form.organ, [
        ['', t.form.anyOrgan],
        ...ORGANS.map((o) => [o, organName(o, ctx.lang)] as const),
      ])}
      ${field(view, 'session', t.form.session, { hint: t.form.sessionHint, inputMode: 'numeric' })}
      ${field(view, 'agendaItem', t.form.agendaItem, { hint: t.form.agendaItemHint })}
      ${field(view, 'year', t.form.year, { inputMode: 'numeric' })}
      ${field(view, 'from', t.form.from, { hint: t.form.dateHint, type: 'date' })}
      ${field(view, 'to', t.form.to, { hint: t.form.dateHint, type: 'date' })}
      ${choice(view, 'sort', t.form.sort, [
        ['', t.form.sortDate],
        ['symbol', t.form.sortSymbol],
      ])}
    </div>
    <div class="actions">
      <button type="submit">${t.form.submit}</button>
      <a href="${`/${ctx.lang}/search`}">${t.form.reset}</a>
    </div>
  </form>`;
}

export function searchPage(ctx: PageContext, view: SearchView): string {
  const t = messages(ctx.lang);
  const searched = searchedText(ctx.lang, view.values);
  const errors =
    view.invalid.length > 0 &&
    html`<div class="errors" id="errors">
      <h2>${t.invalid.heading}</h2>
      <ul>
        ${view.invalid.map(
          (name) =>
            html`<li id="${`f-${name}-error`}">
              ${name === 'cursor' ? t.invalid.cursor : html`<a href="${`#f-${name}`}">${t.invalid[name]}</a>`}
            </li>`,
        )}
      </ul>
    </div>`;
  const results = view.results;
  return layout(
    ctx,
    t.form.heading,
    html`<h1>${t.form.heading}</h1>
      ${errors} ${searchForm(ctx, view)}
      ${
        results &&
        html`<section aria-labelledby="results-heading">
        <h2 id="results-heading">${t.results.heading}</h2>
        <p>${fill(t.results.searched, { criteria: searched })}</p>
        ${
          results.items.length === 0
            ? html`<p class="none">${fill(t.results.none, { criteria: searched })}</p>`
            : html`<ol class="results">${results.items.map((m) => resultItem(ctx, m))}</ol>`
        }
        ${
          (results.next || results.first) &&
          html`<nav class="pager" aria-label="${t.results.heading}">
          ${results.first && html`<a href="${`/${ctx.lang}/search?${results.first}`}">${t.results.first}</a>`}
          ${results.next && html`<a href="${`/${ctx.lang}/search?${results.next}`}" rel="next">${t.results.next}</a>`}
        </nav>`
        }
        <p class="feed"><a href="${results.feed}" type="application/atom+xml">${t.results.feed}</a></p>
      </section>`
      }`,
  );
}

// ---- Document --------------------------------------------------------------------------------------

/** A document linked from another's page (its original, or a follow-up). */
export interface Related {
  symbol: string;
  title?: Text;
}

export interface DocumentView {
  metadata: DocumentMetadata;
  original?: Related;
  followups: readonly Related[];
}

function relatedItem(ctx: PageContext, related: Related): Node {
  return html`<li>
    <a href="${pagePath(related.symbol, ctx.lang)}">${symbolList([related.symbol])}</a>
    ${related.title && html` <span${langAttrs(ctx, related.title.lang)}>${related.title.text}</span>`}
  </li>`;
}

export function documentPage(ctx: PageContext, view: DocumentView): string {
  const t = messages(ctx.lang);
  const { metadata } = view;
  const title = titleIn(metadata, ctx.lang);
  const fact = (label: string, value: Node) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const date = (iso: string) => formatDate(iso, ctx.lang);
  const organs = organsInOrder(metadata.organs);
  const agendaFeeds = organs.flatMap((organ) =>
    organ.organ === 'GA' && organ.session !== undefined
      ? (organ.agendaItems ?? []).map((item) => ({
          href: `/v1/feeds/documents.atom?${new URLSearchParams({
            organ: 'GA',
            session: String(organ.session),
            agendaItem: item.item,
          })}`,
          line: agendaLine([item.item], ctx.lang),
        }))
      : [],
  );
  return layout(
    ctx,
    metadata.symbols.join(' '),
    html`<h1>${title ? html`<span${langAttrs(ctx, title.lang)}>${title.text}</span>` : symbolList(metadata.symbols)}</h1>
      <dl class="facts">
        ${fact(t.document.symbols, symbolList(metadata.symbols))}
        ${fact(
          t.document.circulation,
          organs.map((organ) => {
            const items = organ.agendaItems ?? [];
            return html`<div class="organ">
              <strong>${organName(organ.organ, ctx.lang)}</strong>${t.listSeparator}${period(organ, ctx.lang, metadata.dates.issued)}
              ${
                items.length > 0 &&
                html`<div>${agendaLine(
                  items.map((i) => i.item),
                  ctx.lang,
                )}</div>
                ${agendaItemList(ctx, items)}`
              }
            </div>`;
          }),
        )}
        ${fact(t.document.jobNumber, html`<span dir="ltr">${metadata.jobNumber}</span>`)}
        ${metadata.dates.letter && fact(t.document.letterDate, date(metadata.dates.letter))}
        ${fact(t.document.issued, date(metadata.dates.issued))}
        ${fact(t.document.distributed, date(metadata.dates.distributed))}
        ${fact(t.document.distribution, t.distribution[metadata.distribution])}
      </dl>
      <h2>${t.document.files}</h2>
      <table>
        <tbody>
          ${metadata.languages.map(
            (l) => html`<tr>
              <th scope="row">
                <a
                  href="${persistentUrl(ctx.publicUrl, metadata.symbols[0] ?? metadata.symbol, l.lang)}"
                  hreflang="${l.lang}"
                  type="application/pdf"
                  ><span lang="${l.lang}" dir="${DIRECTION[l.lang]}">${messages(l.lang).autonym}</span> (PDF)</a
                >
              </th>
              <td>${kilobytes(t, l.bytes)}</td>
              <td>${fill(t.document.pages, { pages: String(l.pages) })}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <h2>${t.document.titles}</h2>
      <dl class="facts">
        ${LANGUAGES.map((l) => {
          const text = metadata.title[l];
          return html`<dt><span lang="${l}" dir="${DIRECTION[l]}">${messages(l).autonym}</span></dt>
            ${
              // On the element itself, so that a right-to-left title is also aligned as one.
              text
                ? html`<dd lang="${l}" dir="${DIRECTION[l]}">${text}</dd>`
                : html`<dd>${t.document.noTitle}</dd>`
            }`;
        })}
      </dl>
      ${
        (view.original || view.followups.length > 0) &&
        html`<h2>${t.document.related}</h2>
        ${
          view.original &&
          html`<h3>${t.document.original}</h3>
          <ul>
            ${relatedItem(ctx, view.original)}
          </ul>`
        }
        ${
          view.followups.length > 0 &&
          html`<h3>${t.document.followups}</h3>
          <ul>
            ${view.followups.map((f) => relatedItem(ctx, f))}
          </ul>`
        }`
      }
      ${agendaFeeds.map(
        (feed) =>
          html`<p class="feed">
            <a href="${feed.href}" type="application/atom+xml">${fill(t.document.agendaFeed, { agenda: feed.line })}</a>
          </p>`,
      )}`,
  );
}

// ---- Not found, error ------------------------------------------------------------------------------

export function notFoundPage(ctx: PageContext): string {
  const t = messages(ctx.lang);
  return layout(
    ctx,
    t.notFound.title,
    html`<h1>${t.notFound.title}</h1>
      <p>${t.notFound.text}</p>
      <p><a href="${`/${ctx.lang}/search`}">${t.searchLink}</a></p>`,
  );
}

export function errorPage(ctx: PageContext): string {
  const t = messages(ctx.lang);
  return layout(
    ctx,
    t.error.title,
    html`<h1>${t.error.title}</h1>
      <p>${t.error.text}</p>
      <p><a href="${`/${ctx.lang}`}">${t.home}</a></p>`,
  );
}

// ---- Sessions --------------------------------------------------------------------------------------

export interface SignInView {
  /** The same-site page to return to afterwards, already checked. */
  returnTo?: string;
  problem?: 'missing' | 'invalid' | 'tooMany';
  waitSeconds?: number;
  signedOut?: boolean;
}

export function signInPage(ctx: PageContext, view: SignInView): string {
  const t = messages(ctx.lang);
  const problem =
    view.problem === 'tooMany'
      ? fill(t.signIn.tooMany, { seconds: String(view.waitSeconds ?? 0) })
      : view.problem
        ? t.signIn[view.problem]
        : undefined;
  const described = ['token-hint', problem ? 'token-error' : ''].filter(Boolean).join(' ');
  return layout(
    ctx,
    t.signIn.heading,
    html`<h1>${t.signIn.heading}</h1>
      ${view.signedOut && html`<p class="notice" role="status">${t.signIn.signedOut}</p>`}
      <p>${t.signIn.intro}</p>
      ${problem && html`<div class="errors" id="errors"><p id="token-error">${problem}</p></div>`}
      <form class="sign-in" method="post" action="${`/${ctx.lang}/sign-in`}">
        ${view.returnTo && html`<input type="hidden" name="return" value="${view.returnTo}" />`}
        <div class="field">
          <label for="token">${t.signIn.token}</label>
          <span class="hint" id="token-hint">${t.signIn.tokenHint}</span>
          <input
            id="token"
            name="token"
            type="password"
            dir="ltr"
            required
            autocomplete="off"
            spellcheck="false"
            aria-describedby="${described}"${attrs({ 'aria-invalid': problem ? 'true' : undefined })}
          />
        </div>
        <div class="actions"><button type="submit">${t.signIn.submit}</button></div>
      </form>`,
  );
}

export function forbiddenPage(ctx: PageContext, crossOrigin = false): string {
  const t = messages(ctx.lang);
  return layout(
    ctx,
    t.forbidden.title,
    html`<h1>${t.forbidden.title}</h1>
      <p>${crossOrigin ? t.forbidden.crossOrigin : t.forbidden.text}</p>
      <p><a href="${`/${ctx.lang}`}">${t.home}</a></p>`,
  );
}

// ---- Mission portal --------------------------------------------------------------------------------

const STATUSES: readonly SubmissionStatus[] = ['received', 'registered', 'distributed', 'rejected'];

const dateTime = (iso: string, lang: Lang) => formatDate(iso.slice(0, 10), lang);

/** Submissions as a table: title (a link where `href` gives one), one column of the caller's, date received. */
function submissionTable(
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

export interface PortalView {
  state: string;
  status?: SubmissionStatus;
  invalid: boolean;
  items: readonly SubmissionRecord[];
  /** The query string of the next page, if there is one. */
  next?: string;
  /** The query string of the first page, when this is a later one. */
  first?: string;
}

export function portalPage(ctx: PageContext, view: PortalView): string {
  const t = messages(ctx.lang);
  const base = `/${ctx.lang}/portal`;
  return layout(
    ctx,
    t.portal.heading,
    html`<h1>${t.portal.heading}</h1>
      <p>${fill(t.portal.intro, { state: view.state })}</p>
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
      ${
        (view.next || view.first) &&
        html`<nav class="pager" aria-label="${t.portal.heading}">
          ${view.first !== undefined && html`<a href="${`${base}${view.first ? `?${view.first}` : ''}`}">${t.portal.first}</a>`}
          ${view.next && html`<a href="${`${base}?${view.next}`}" rel="next">${t.portal.next}</a>`}
        </nav>`
      }`,
  );
}

export interface SubmissionPageView {
  record: SubmissionRecord;
  /** Once registered: the job number its document took. */
  jobNumber?: string;
  /** Once distributed and public: the document, for its job number and PDF links. */
  published?: DocumentMetadata;
}

export function portalSubmissionPage(
  ctx: PageContext,
  { record, jobNumber, published }: SubmissionPageView,
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

// ---- Officer console -------------------------------------------------------------------------------

export function consolePage(ctx: PageContext, queue: readonly SubmissionRecord[]): string {
  const t = messages(ctx.lang);
  return layout(
    ctx,
    t.console.heading,
    html`<h1>${t.console.heading}</h1>
      <p>${t.console.intro}</p>
      ${
        queue.length === 0
          ? html`<p class="none">${t.console.none}</p>`
          : submissionTable(ctx, queue, { heading: t.console.state, cell: (record) => record.state })
      }`,
  );
}
