/**
 * `distr agenda load FILE.json [--session N]` loads a GA session's agenda (officers), replacing the
 * one loaded before; `distr agenda show SESSION` prints it. Without --session, the session comes
 * from a file named like `agenda-GA-79.json`.
 */
import { basename } from 'node:path';
import { JSON_OPTION, readJsonFile, runCommandLine } from '../arguments.ts';
import { createClient, table } from '../client.ts';

export const summary = 'load FILE.json as a GA session agenda (--session N), or show SESSION (--json)';

const HELP = `Usage: distr agenda load FILE.json [--session N] [--json]
       distr agenda show SESSION [--json]

load  PUT /v1/agendas/GA/N with FILE.json ({"items": [{"item": "51", "title": {en, fr, es, ru, zh, ar}}]}),
      replacing the agenda loaded before. N is --session, or read from a file name such as
      agenda-GA-79.json.
show  prints the agenda of GA session SESSION.
Environment: DISTR_URL (default: the running local Distr), DISTR_TOKEN (an officer token to load).`;

interface Agenda {
  session: number;
  items: { item: string; title: { en: string } }[];
  updatedAt: string;
}

const SESSION_IN_NAME = /^agenda-GA-([1-9]\d{0,2})\.json$/i;

export const run = (args: string[]): Promise<number> =>
  runCommandLine(
    args,
    HELP,
    { session: { type: 'string' }, ...JSON_OPTION },
    ([action, target, ...extra]) =>
      (action === 'load' || action === 'show') && target && extra.length === 0
        ? { action, target }
        : undefined,
    async (values, { action, target }) => {
      const json = values.json;
      const client = createClient();
      let agenda: Agenda;
      if (action === 'load') {
        const session = values.session ?? SESSION_IN_NAME.exec(basename(target))?.[1];
        if (!session) {
          throw new Error(
            `give --session N: the session cannot be read from the file name ${basename(target)}`,
          );
        }
        const body = await readJsonFile(target);
        agenda = (
          await client.request<Agenda>('PUT', `/v1/agendas/GA/${encodeURIComponent(session)}`, { body })
        ).body;
      } else {
        agenda = (await client.request<Agenda>('GET', `/v1/agendas/GA/${encodeURIComponent(target)}`)).body;
      }
      if (json) {
        console.log(JSON.stringify(agenda));
        return 0;
      }
      if (action === 'load')
        console.log(`Loaded the agenda of GA session ${agenda.session}: ${agenda.items.length} items`);
      else {
        console.log(`GA session ${agenda.session}, loaded ${agenda.updatedAt}`);
        console.log(
          table(
            ['Item', 'Title (en)'],
            agenda.items.map((i) => [i.item, i.title.en]),
          ),
        );
      }
      return 0;
    },
  );
