/** The console's token pages: the tokens with the form that creates one, and the new token shown once. */
import { MEMBER_STATES, OBSERVER_STATES, type StateCode, stateName } from '../domain/member-states.ts';
import { fill } from '../domain/strings.ts';
import type { TokenRecord } from '../domain/tokens.ts';
import { consoleNav, consolePath } from './console-nav.ts';
import {
  csrfField,
  dateTime,
  errorSummary,
  type FieldErrors,
  html,
  langAttrs,
  layout,
  type Node,
  type PageContext,
  selectField,
} from './markup.ts';
import { messages } from './messages.ts';

export interface TokensView {
  tokens: readonly TokenRecord[];
  /** The id of the session's own token, which is not offered for revocation. */
  self: string;
  /** The key of the create form (a new one, or the one posted back with problems). */
  formKey: string;
  values?: { role?: string; state?: string };
  errors?: FieldErrors;
  /** A revocation refused: the officer's own token. */
  refused?: boolean;
}

/** A State's name (English, the only one the domain has), marked as English on other pages. */
export const stateLabel = (ctx: PageContext, code: StateCode): Node =>
  html`<span${langAttrs(ctx, 'en')}>${stateName(code)}</span>`;

const ALL_STATES = [...MEMBER_STATES, ...OBSERVER_STATES];

export function tokensPage(ctx: PageContext, view: TokensView): string {
  const all = messages(ctx.lang);
  const t = all.tokens;
  const errors = view.errors ?? {};
  const base = consolePath(ctx, 'tokens');
  const status = (record: TokenRecord) =>
    record.revokedAt ? fill(t.revoked, { date: dateTime(record.revokedAt, ctx.lang) }) : t.active;
  const action = (record: TokenRecord): Node => {
    if (record.revokedAt) return null;
    if (record.id === view.self) return t.own;
    return html`<form class="inline" method="post" action="${`${base}/${record.id}/revoke`}">
      ${csrfField(ctx)}
      <button type="submit" aria-label="${fill(t.revokeLabel, { id: record.id })}">${t.revoke}</button>
    </form>`;
  };
  return layout(
    ctx,
    t.heading,
    html`${consoleNav(ctx, 'tokens')}
      <h1>${t.heading}</h1>
      <p>${t.intro}</p>
      ${view.refused && html`<div class="errors" id="errors" role="alert"><p>${t.ownRefused}</p></div>`}
      ${
        view.tokens.length === 0
          ? html`<p class="none">${t.none}</p>`
          : html`<table class="tokens">
            <thead>
              <tr>
                <th scope="col">${t.id}</th>
                <th scope="col">${t.role}</th>
                <th scope="col">${t.state}</th>
                <th scope="col">${t.created}</th>
                <th scope="col">${t.status}</th>
                <th scope="col">${t.revoke}</th>
              </tr>
            </thead>
            <tbody>
              ${view.tokens.map(
                (record) => html`<tr>
                  <th scope="row"><code dir="ltr">${record.id}</code></th>
                  <td>${all.role[record.role]}</td>
                  <td>${record.state ? stateLabel(ctx, record.state) : ''}</td>
                  <td>${dateTime(record.createdAt, ctx.lang)}</td>
                  <td>${status(record)}</td>
                  <td>${action(record)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }
      <h2>${t.create}</h2>
      ${errorSummary(t.problems, errors, { role: t.role, state: t.state })}
      <form method="post" action="${base}" novalidate>
        ${csrfField(ctx)}
        <input type="hidden" name="key" value="${view.formKey}" />
        ${selectField({
          name: 'role',
          label: t.role,
          value: view.values?.role ?? 'mission',
          errors,
          options: [
            ['mission', t.roleMission],
            ['subscriber', t.roleSubscriber],
          ],
        })}
        ${selectField({
          name: 'state',
          label: t.state,
          hint: t.stateHint,
          value: view.values?.state ?? '',
          errors,
          options: [
            ['', t.noState],
            ...ALL_STATES.map(
              (s) => [s.code, `${s.name} (${s.code})`, ctx.lang === 'en' ? undefined : 'en'] as const,
            ),
          ],
        })}
        <div class="actions"><button type="submit">${t.submit}</button></div>
      </form>`,
  );
}

/** The token just created, shown this once; or, for the same form posted again, that it was. */
export function tokenCreatedPage(
  ctx: PageContext,
  view: { record: TokenRecord; token: string } | { id: string },
): string {
  const all = messages(ctx.lang);
  const t = all.tokens;
  const fact = (label: string, value: Node) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const back = html`<p><a href="${consolePath(ctx, 'tokens')}">${t.back}</a></p>`;
  if (!('token' in view)) {
    return layout(
      ctx,
      t.alreadyHeading,
      html`${consoleNav(ctx, 'tokens')}
        <h1>${t.alreadyHeading}</h1>
        <p class="notice">${t.already}</p>
        <dl class="facts">${fact(t.id, html`<code dir="ltr">${view.id}</code>`)}</dl>
        ${back}`,
    );
  }
  const { record, token } = view;
  return layout(
    ctx,
    t.createdHeading,
    html`${consoleNav(ctx, 'tokens')}
      <h1>${t.createdHeading}</h1>
      <p class="notice">${t.createdIntro}</p>
      <dl class="facts">
        ${fact(t.id, html`<code dir="ltr">${record.id}</code>`)}
        ${fact(t.role, all.role[record.role])}
        ${record.state && fact(t.state, stateLabel(ctx, record.state))}
        ${fact(t.token, html`<code class="secret" dir="ltr">${token}</code>`)}
      </dl>
      ${back}`,
  );
}
