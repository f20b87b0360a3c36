/**
 * The console's registry pages: a GA session's agenda with the form that loads one, the numbering
 * series with the confirmation of a move, and the webhook subscriptions with their deliveries.
 */
import type { StoredAgenda } from '../adapters/agenda-store.ts';
import type { SeriesState } from '../adapters/counter-store.ts';
import type { Delivery } from '../domain/delivery.ts';
import { DIRECTION, LANGUAGES, type Lang } from '../domain/languages.ts';
import { sessionLine } from '../domain/masthead.ts';
import { isStateCode } from '../domain/member-states.ts';
import { jobNumberInSeries, parseSeriesKey, symbolInSeries } from '../domain/series.ts';
import { fill } from '../domain/strings.ts';
import type { Subscription } from '../domain/subscription.ts';
import type { SubscriptionFilters } from '../domain/subscription-filters.ts';
import { consoleNav, consolePath } from './console-nav.ts';
import { stateLabel } from './console-tokens-pages.ts';
import {
  attrs,
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
  textAreaField,
} from './markup.ts';
import { messages } from './messages.ts';

// ---- Agendas -------------------------------------------------------------------------------------

/** The agenda format at a glance: one item, its title in the six languages. */
const AGENDA_EXAMPLE = JSON.stringify(
  {
    items: [
      {
        item: '51',
        title: { en: '…', fr: '…', es: '…', ru: '…', zh: '…', ar: '…' },
      },
    ],
  },
  null,
  2,
);

export interface AgendasView {
  /** The session asked for, as typed. */
  session?: string;
  agenda?: StoredAgenda;
  /** The session asked for is not a session number. */
  badQuery?: boolean;
  /** The load form's session and text, kept when it comes back with problems. */
  load?: string;
  text?: string;
  errors?: FieldErrors;
}

export function agendasPage(ctx: PageContext, view: AgendasView): string {
  const t = messages(ctx.lang).registries;
  const errors = view.errors ?? {};
  const base = consolePath(ctx, 'agendas');
  const asked = view.session && /^[1-9]\d{0,2}$/.test(view.session) ? Number(view.session) : undefined;
  const agenda = view.agenda;
  return layout(
    ctx,
    t.agendasHeading,
    html`${consoleNav(ctx, 'agendas')}
      <h1>${t.agendasHeading}</h1>
      <p>${t.agendasIntro}</p>
      <form class="filter" method="get" action="${base}">
        <div class="${view.badQuery ? 'field invalid' : 'field'}">
          <label for="f-show-session">${t.session}</label>
          <span class="hint" id="f-show-session-hint">${t.sessionHint}</span>
          ${view.badQuery && html`<span class="error" id="f-show-session-error">${t.badSession}</span>`}
          <input id="f-show-session" name="session" type="text" inputmode="numeric" dir="ltr" maxlength="3" value="${view.session ?? ''}"${attrs(
            {
              'aria-invalid': view.badQuery ? 'true' : undefined,
              'aria-describedby': view.badQuery
                ? 'f-show-session-hint f-show-session-error'
                : 'f-show-session-hint',
            },
          )} />
        </div>
        <div class="actions"><button type="submit">${t.show}</button></div>
      </form>
      ${
        asked !== undefined &&
        !view.badQuery &&
        html`<h2>${sessionLine(asked, ctx.lang)}</h2>
          ${
            agenda
              ? html`<p>${fill(t.loaded, { date: dateTime(agenda.updatedAt, ctx.lang) })}</p>
                <table class="agenda">
                  <thead>
                    <tr>
                      <th scope="col">${t.item}</th>
                      ${LANGUAGES.map(
                        (l) => html`<th scope="col"${langAttrs(ctx, l)}>${messages(l).autonym}</th>`,
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    ${agenda.items.map(
                      (entry) => html`<tr>
                        <th scope="row" dir="ltr">${entry.item}</th>
                        ${LANGUAGES.map(
                          (l) => html`<td lang="${l}" dir="${DIRECTION[l]}">${entry.title[l]}</td>`,
                        )}
                      </tr>`,
                    )}
                  </tbody>
                </table>`
              : html`<p class="none">${t.noAgenda}</p>`
          }`
      }
      <h2>${t.loadHeading}</h2>
      <p>${t.loadIntro}</p>
      ${errorSummary(t.agendaProblems, errors, { session: t.session, file: t.file, text: t.text })}
      <form method="post" action="${base}" enctype="multipart/form-data" novalidate>
        ${csrfField(ctx)}
        ${inputField({
          name: 'session',
          label: t.session,
          hint: t.sessionHint,
          value: view.load ?? (asked !== undefined ? String(asked) : undefined),
          errors,
          inputMode: 'numeric',
          ltr: true,
          maxLength: 3,
          required: true,
        })}
        ${inputField({ name: 'file', label: t.file, hint: t.fileHint, type: 'file', errors })}
        ${textAreaField({ name: 'text', label: t.text, hint: t.textHint, value: view.text, errors, ltr: true, rows: 10 })}
        <pre class="example" dir="ltr" lang="en">${AGENDA_EXAMPLE}</pre>
        <div class="actions"><button type="submit">${t.load}</button></div>
      </form>`,
  );
}

// ---- Numbering series ----------------------------------------------------------------------------

/** The `n`th number of a series as a registration would hand it out: `A/79/923`, `25-08590`. */
export function numberInSeries(series: string, n: number): string {
  const parsed = parseSeriesKey(series);
  if (!parsed.ok) return String(n);
  try {
    return parsed.value.kind === 'job' ? jobNumberInSeries(series, n) : symbolInSeries(series, n);
  } catch {
    return String(n);
  }
}

export interface SeriesView {
  series: readonly SeriesState[];
  /** The "other series" form's values and problems, when it comes back. */
  values?: { series?: string; next?: string };
  errors?: FieldErrors;
  /** A move refused as backwards: the message. */
  refused?: string;
}

export function seriesPage(ctx: PageContext, view: SeriesView): string {
  const t = messages(ctx.lang).registries;
  const errors = view.errors ?? {};
  const move = `${consolePath(ctx, 'series')}/move`;
  return layout(
    ctx,
    t.seriesHeading,
    html`${consoleNav(ctx, 'series')}
      <h1>${t.seriesHeading}</h1>
      <p>${t.seriesIntro}</p>
      ${view.refused && html`<div class="errors" id="errors" role="alert"><p>${view.refused}</p></div>`}
      ${
        view.series.length === 0
          ? html`<p class="none">${t.noSeries}</p>`
          : html`<table class="series">
            <thead>
              <tr>
                <th scope="col">${t.series}</th>
                <th scope="col">${t.next}</th>
                <th scope="col">${t.nextNumber}</th>
                <th scope="col">${t.move}</th>
              </tr>
            </thead>
            <tbody>
              ${view.series.map((s, index) => {
                const id = `f-next-${index}`;
                return html`<tr>
                  <th scope="row" dir="ltr">${s.series}</th>
                  <td>${String(s.next)}</td>
                  <td dir="ltr">${numberInSeries(s.series, s.next)}</td>
                  <td>
                    <form class="inline-fields" method="get" action="${move}">
                      <input type="hidden" name="series" value="${s.series}" />
                      <label for="${id}">${t.moveTo} <span dir="ltr">${s.series}</span></label>
                      <input id="${id}" name="next" type="text" inputmode="numeric" dir="ltr" maxlength="7" size="8" value="${String(s.next)}" />
                      <button type="submit">${t.move}</button>
                    </form>
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`
      }
      <h2>${t.otherSeries}</h2>
      ${errorSummary(t.seriesProblems, errors, { series: t.series, next: t.next })}
      <form method="get" action="${move}" novalidate>
        ${inputField({
          name: 'series',
          label: t.series,
          hint: t.seriesHint,
          value: view.values?.series,
          errors,
          ltr: true,
          maxLength: 10,
        })}
        ${inputField({
          name: 'next',
          label: t.next,
          value: view.values?.next,
          errors,
          ltr: true,
          inputMode: 'numeric',
          maxLength: 7,
        })}
        <div class="actions"><button type="submit">${t.move}</button></div>
      </form>`,
  );
}

export function seriesConfirmPage(
  ctx: PageContext,
  move: { series: string; from: number; to: number },
): string {
  const t = messages(ctx.lang).registries;
  const number = (n: number) => `${n} (${numberInSeries(move.series, n)})`;
  return layout(
    ctx,
    t.confirmHeading,
    html`${consoleNav(ctx, 'series')}
      <h1>${t.confirmHeading}</h1>
      <p>${fill(t.confirmText, { series: move.series, from: number(move.from), to: number(move.to) })}</p>
      <form method="post" action="${consolePath(ctx, 'series')}">
        ${csrfField(ctx)}
        <input type="hidden" name="series" value="${move.series}" />
        <input type="hidden" name="next" value="${String(move.to)}" />
        <div class="actions">
          <button type="submit">${t.confirm}</button>
          <a href="${consolePath(ctx, 'series')}">${t.cancel}</a>
        </div>
      </form>`,
  );
}

// ---- Subscriptions -------------------------------------------------------------------------------

/** Between the values of one filter: each script's own comma. */
const VALUE_SEPARATOR: Record<Lang, string> = { ar: '، ', zh: '、', en: ', ', fr: ', ', es: ', ', ru: ', ' };

function filtersText(ctx: PageContext, filters: SubscriptionFilters): Node {
  const all = messages(ctx.lang);
  const t = all.registries;
  const join = (values: readonly Node[]) =>
    values.flatMap((v, i) => (i === 0 ? [v] : [VALUE_SEPARATOR[ctx.lang], v]));
  const parts: [string, readonly Node[] | undefined][] = [
    [t.organs, filters.organs],
    [t.sessions, filters.sessions?.map(String)],
    [t.years, filters.years?.map(String)],
    [t.agendaItems, filters.agendaItems],
    [
      t.symbolPrefix,
      filters.symbolPrefix ? [html`<span dir="ltr">${filters.symbolPrefix}</span>`] : undefined,
    ],
    // Each language by its own name, marked as such, as the language bar names them.
    [
      t.languages,
      filters.languages?.map((l) => html`<span${langAttrs(ctx, l)}>${messages(l).autonym}</span>`),
    ],
  ];
  const given = parts.filter((part): part is [string, readonly Node[]] => !!part[1]?.length);
  if (given.length === 0) return t.allDocuments;
  return given.map(
    ([label, values], i) => html`${i > 0 ? all.listSeparator : ''}${labelled(ctx, label, join(values))}`,
  );
}

/** `Organs: GA, SC`, the value as markup: the message's own pattern around it. */
function labelled(ctx: PageContext, label: string, value: Node): Node {
  const [before = '', after = ''] = messages(ctx.lang).labelValue.replace('{label}', label).split('{value}');
  return html`${before}${value}${after}`;
}

function ownerText(ctx: PageContext, owner: Subscription['owner']): Node {
  const all = messages(ctx.lang);
  return html`${all.role[owner.role]}${
    owner.state && isStateCode(owner.state) ? html`${all.listSeparator}${stateLabel(ctx, owner.state)}` : ''
  }${all.listSeparator}<code dir="ltr">${owner.tokenId}</code>`;
}

function pager(ctx: PageContext, base: string, view: { next?: string; first?: boolean }): Node {
  const t = messages(ctx.lang).registries;
  if (!view.next && !view.first) return null;
  return html`<nav class="pager" aria-label="${t.nextPage}">
    ${view.first && html`<a href="${base}">${t.firstPage}</a>`}
    ${view.next && html`<a href="${`${base}?${new URLSearchParams({ cursor: view.next })}`}" rel="next">${t.nextPage}</a>`}
  </nav>`;
}

export interface SubscriptionsView {
  items: readonly Subscription[];
  next?: string;
  first?: boolean;
  invalid?: boolean;
}

export function subscriptionsPage(ctx: PageContext, view: SubscriptionsView): string {
  const t = messages(ctx.lang).registries;
  const base = consolePath(ctx, 'subscriptions');
  return layout(
    ctx,
    t.subsHeading,
    html`${consoleNav(ctx, 'subscriptions')}
      <h1>${t.subsHeading}</h1>
      <p>${t.subsIntro}</p>
      ${view.invalid && html`<div class="errors" id="errors" role="alert"><p>${t.badCursor}</p></div>`}
      ${
        view.items.length === 0
          ? html`<p class="none">${t.noSubs}</p>`
          : html`<table class="subscriptions">
            <thead>
              <tr>
                <th scope="col">${t.subscription}</th>
                <th scope="col">${t.endpoint}</th>
                <th scope="col">${t.filters}</th>
                <th scope="col">${t.owner}</th>
                <th scope="col">${t.created}</th>
                <th scope="col">${t.status}</th>
              </tr>
            </thead>
            <tbody>
              ${view.items.map(
                (s) => html`<tr>
                  <th scope="row"><a href="${`${base}/${s.id}`}"><code dir="ltr">${s.id}</code></a></th>
                  <td><code class="url" dir="ltr">${s.url}</code></td>
                  <td>${filtersText(ctx, s.filters)}</td>
                  <td>${ownerText(ctx, s.owner)}</td>
                  <td>${dateTime(s.createdAt, ctx.lang)}</td>
                  <td>${t.active}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
      ${pager(ctx, base, view)}`,
  );
}

export interface SubscriptionView {
  subscription: Subscription;
  deliveries: readonly Delivery[];
  next?: string;
  first?: boolean;
  invalid?: boolean;
}

export function subscriptionPage(ctx: PageContext, view: SubscriptionView): string {
  const all = messages(ctx.lang);
  const t = all.registries;
  const { subscription: s } = view;
  const base = `${consolePath(ctx, 'subscriptions')}/${s.id}`;
  const fact = (label: string, value: Node) => html`<dt>${label}</dt><dd>${value}</dd>`;
  return layout(
    ctx,
    `${t.subscription} ${s.id}`,
    html`${consoleNav(ctx, 'subscriptions')}
      <p><a href="${consolePath(ctx, 'subscriptions')}">${t.back}</a></p>
      <h1>${t.subscription} <code dir="ltr">${s.id}</code></h1>
      <dl class="facts">
        ${fact(t.endpoint, html`<code class="url" dir="ltr">${s.url}</code>`)}
        ${fact(t.filters, filtersText(ctx, s.filters))}
        ${fact(t.owner, ownerText(ctx, s.owner))}
        ${fact(t.created, dateTime(s.createdAt, ctx.lang))}
        ${fact(t.status, t.active)}
      </dl>
      <h2>${t.deliveries}</h2>
      ${view.invalid && html`<div class="errors" id="errors" role="alert"><p>${t.badCursor}</p></div>`}
      ${
        view.deliveries.length === 0
          ? html`<p class="none">${t.noDeliveries}</p>`
          : html`<table class="deliveries">
            <thead>
              <tr>
                <th scope="col">${t.event}</th>
                <th scope="col">${t.status}</th>
                <th scope="col">${t.attempts}</th>
                <th scope="col">${t.lastError}</th>
                <th scope="col">${t.updated}</th>
              </tr>
            </thead>
            <tbody>
              ${view.deliveries.map(
                (d) => html`<tr class="${`delivery ${d.status}`}">
                  <th scope="row"><code dir="ltr">${d.eventId}</code><br /><span dir="ltr">${d.eventType}</span></th>
                  <td>${t[d.status]}</td>
                  <td>${String(d.attempts)}</td>
                  <td>${d.lastError ? html`<span lang="en" dir="ltr">${d.lastError}</span>` : ''}</td>
                  <td>${dateTime(d.updatedAt, ctx.lang)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
      ${pager(ctx, base, view)}`,
  );
}
