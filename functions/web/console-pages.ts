/** The officer console's pages: the intake queue. */
import type { SubmissionRecord } from '../domain/submission-record.ts';
import { consoleNav } from './console-nav.ts';
import { html, layout, type PageContext, submissionTable } from './markup.ts';
import { messages } from './messages.ts';

export function consolePage(ctx: PageContext, queue: readonly SubmissionRecord[]): string {
  const t = messages(ctx.lang);
  return layout(
    ctx,
    t.console.heading,
    html`${consoleNav(ctx, 'queue')}
      <h1>${t.console.heading}</h1>
      <p>${t.console.intro}</p>
      ${
        queue.length === 0
          ? html`<p class="none">${t.console.none}</p>`
          : submissionTable(ctx, queue, { heading: t.console.state, cell: (record) => record.state })
      }`,
  );
}
