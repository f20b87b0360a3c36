/**
 * The public pages (home, search, a document) and those of signing in and of errors, rendered on
 * the server to complete HTML: they work with JavaScript off and need no script at all.
 */
import { formatDate } from '../domain/dates.ts';
import { pagePath, persistentUrl } from '../domain/document-urls.ts';
import { DIRECTION, isLang, LANGUAGES, type Lang } from '../domain/languages.ts';
import { agendaLine, organName, sessionLine } from '../domain/masthead.ts';
import type { DocumentMetadata } from '../domain/public-document.ts';
import { ORGANS } from '../domain/search.ts';
import { fill } from '../domain/strings.ts';
import type { WebSearchField } from './constants.ts';
import {
  agendaItemList,
  attrs,
  circulationSummary,
  html,
  kilobytes,
  langAttrs,
  layout,
  type Node,
  organsInOrder,
  type PageContext,
  pdfLinks,
  period,
  symbolList,
  type Text,
  titleIn,
} from './markup.ts';
import { messages } from './messages.ts';

export { type PageContext, titleIn } from './markup.ts';

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

/** A page that only says something: a heading, a sentence, and where to go from here. */
function notice(
  ctx: PageContext,
  title: string,
  text: string,
  next: { href: string; label: string },
): string {
  return layout(
    ctx,
    title,
    html`<h1>${title}</h1>
      <p>${text}</p>
      <p><a href="${next.href}">${next.label}</a></p>`,
  );
}

export function notFoundPage(ctx: PageContext): string {
  const t = messages(ctx.lang);
  return notice(ctx, t.notFound.title, t.notFound.text, { href: `/${ctx.lang}/search`, label: t.searchLink });
}

export function errorPage(ctx: PageContext): string {
  const t = messages(ctx.lang);
  return notice(ctx, t.error.title, t.error.text, { href: `/${ctx.lang}`, label: t.home });
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
  const text = crossOrigin ? t.forbidden.crossOrigin : t.forbidden.text;
  return notice(ctx, t.forbidden.title, text, { href: `/${ctx.lang}`, label: t.home });
}
