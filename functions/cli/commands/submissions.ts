/**
 * `distr submissions [--status S] [--limit N] [--cursor C] [--json]`: lists submissions (a mission
 * its own, an officer all), newest first; `distr submissions show ID` prints one with its timeline.
 */
import { SUBMISSION_STATUSES } from '../../domain/submission-record.ts';
import { JSON_OPTION, runCommandLine } from '../arguments.ts';
import { createClient, table } from '../client.ts';

export const summary = 'submissions [--status S] | show ID  (list or show submissions; --json)';

const HELP = `Usage:
  distr submissions [--status ${SUBMISSION_STATUSES.join('|')}] [--limit N] [--cursor C] [--json]
  distr submissions show ID [--json]
Environment: DISTR_URL (default: the running local Distr), DISTR_TOKEN.`;

interface Page {
  items: { id: string; state: string; status: string; createdAt: string; title: string }[];
  nextCursor: string | null;
}

interface View {
  id: string;
  status: string;
  state: string;
  createdAt: string;
  documentSymbols?: string[];
  submission: { title: string; kind: string };
  timeline: {
    step: string;
    at: string;
    actor: { role: string; tokenId: string };
    reason?: string;
    symbols?: string[];
  }[];
  attachments: { id: string; annex: number; status: string; pages?: number; error?: string }[];
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const run = (args: string[]): Promise<number> =>
  runCommandLine(
    args,
    HELP,
    { status: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' }, ...JSON_OPTION },
    // Either no operand (the list) or `show ID`.
    ([action, id, ...extra]) =>
      action === undefined ? {} : action === 'show' && id && extra.length === 0 ? { show: id } : undefined,
    async (values, operands) => {
      const json = values.json;
      const client = createClient();
      const id = operands.show;

      if (id !== undefined) {
        const { body: s } = await client.request<View>('GET', `/v1/submissions/${encodeURIComponent(id)}`);
        if (json) {
          console.log(JSON.stringify(s));
          return 0;
        }
        console.log(`${s.id}  ${s.status}  ${s.state}  ${s.submission.kind}`);
        console.log(`  ${s.submission.title}`);
        if (s.documentSymbols) console.log(`  symbols: ${s.documentSymbols.join(', ')}`);
        for (const step of s.timeline) {
          const extraInfo = step.reason
            ? `: ${step.reason}`
            : step.symbols
              ? `: ${step.symbols.join(', ')}`
              : '';
          console.log(`  ${step.at}  ${step.step} by ${step.actor.role} ${step.actor.tokenId}${extraInfo}`);
        }
        for (const a of s.attachments) {
          console.log(
            `  annex ${a.annex} PDF "${a.id}": ${a.status}${a.pages ? `, ${a.pages} pages` : ''}${a.error ? ` (${a.error})` : ''}`,
          );
        }
        return 0;
      }
      const query = new URLSearchParams();
      if (values.status) query.set('status', values.status);
      if (values.limit) query.set('limit', values.limit);
      if (values.cursor) query.set('cursor', values.cursor);
      const suffix = query.size > 0 ? `?${query}` : '';
      const { body: page } = await client.request<Page>('GET', `/v1/submissions${suffix}`);
      if (json) {
        console.log(JSON.stringify(page));
        return 0;
      }
      if (page.items.length === 0) {
        console.log('No submissions.');
        return 0;
      }
      console.log(
        table(
          ['ID', 'STATE', 'STATUS', 'CREATED', 'TITLE'],
          page.items.map((s) => [
            s.id,
            s.state,
            s.status,
            s.createdAt.slice(0, 16).replace('T', ' '),
            shorten(s.title, 60),
          ]),
        ),
      );
      if (page.nextCursor) console.log(`\nMore: distr submissions --cursor ${page.nextCursor}`);
      return 0;
    },
  );
