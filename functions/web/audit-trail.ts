/**
 * The audit trail of a submission or a document as a table: when (UTC), who (role and token id),
 * what, in the UI language. The entries come from the domain's trail (domain/audit.ts), the same for
 * what was done through the API and through the pages.
 */
import type { AuditEntry } from '../domain/audit.ts';
import type { Lang } from '../domain/languages.ts';
import { fill } from '../domain/strings.ts';
import { dateTime, html, type Node, type PageContext } from './markup.ts';
import { type Messages, messages } from './messages.ts';

/**
 * A value set into a sentence of another direction (a symbol or a job number in Arabic, a reason
 * typed in any script), kept whole by a first-strong isolate: its own direction, not the sentence's.
 */
const isolate = (value: string) => `\u2068${value}\u2069`;

/** What an entry says was done, in `lang`. */
export function auditAction(entry: AuditEntry, lang: Lang): string {
  const t = messages(lang);
  const a = t.audit;
  const d = entry.detail ?? {};
  const language = (l: Lang) => messages(l).autonym;
  switch (entry.action) {
    case 'submitted':
      return a.submitted;
    case 'upload-requested':
      return fill(a.uploadRequested, { annex: String(d.annex ?? '') });
    case 'rejected':
      return fill(a.rejected, { reason: isolate(d.reason ?? '') });
    case 'registered':
      return fill(a.registered, {
        symbols: (d.symbols ?? []).map(isolate).join(t.listSeparator),
        job: isolate(d.jobNumber ?? ''),
      });
    case 'version-stored':
      return fill(a.versionStored, { language: d.lang ? language(d.lang) : '' });
    case 'distribution-requested':
      return fill(a.distributionRequested, {
        languages: (d.languages ?? []).map(language).join(t.listSeparator),
      });
    case 'followup-created':
      return fill(a.followupCreated, { symbol: isolate(d.followup ?? '') });
  }
}

/** `4 June 2025 10:02` in the UI language's date style; the trail's times are UTC. */
const when = (iso: string, lang: Lang) =>
  html`${dateTime(iso, lang)} <span dir="ltr">${iso.slice(11, 16)}</span>`;

const actor = (t: Messages, entry: AuditEntry) =>
  fill(t.audit.actor, { role: t.role[entry.actor.role], token: isolate(entry.actor.tokenId) });

/** The trail, oldest first, under its own heading (`level` fits it into the page's outline). */
export function auditTrail(ctx: PageContext, entries: readonly AuditEntry[], level: 2 | 3 = 2): Node {
  const t = messages(ctx.lang);
  const heading =
    level === 2 ? html`<h2 id="audit">${t.audit.heading}</h2>` : html`<h3 id="audit">${t.audit.heading}</h3>`;
  return html`<section class="audit" aria-labelledby="audit">
    ${heading}
    <p class="hint">${t.audit.intro}</p>
    ${
      entries.length === 0
        ? html`<p class="none">${t.audit.none}</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">${t.audit.when}</th>
                <th scope="col">${t.audit.who}</th>
                <th scope="col">${t.audit.what}</th>
              </tr>
            </thead>
            <tbody>
              ${entries.map(
                (entry) =>
                  html`<tr>
                    <td><time datetime="${entry.at}">${when(entry.at, ctx.lang)}</time></td>
                    <td>${actor(t, entry)}</td>
                    <td>${auditAction(entry, ctx.lang)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}
