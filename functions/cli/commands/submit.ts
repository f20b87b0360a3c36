/** `distr submit FILE.json [--idempotency-key KEY] [--json]`: sends a submission as a mission. */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createClient, runCommand } from '../client.ts';

export const summary = 'submit FILE.json as a mission (DISTR_TOKEN; --idempotency-key KEY, --json)';

const HELP = `Usage: distr submit FILE.json [--idempotency-key KEY] [--json]

Sends FILE.json (the submission: letter or note verbale) to POST /v1/submissions with the mission
token in DISTR_TOKEN. With --idempotency-key, sending it again returns the first answer.
Environment: DISTR_URL (default: the running local Distr), DISTR_TOKEN.`;

interface Created {
  id: string;
  status: string;
  state: string;
  submission: { title: string };
  attachments: { id: string; annex: number; status: string }[];
}

export const run = async (args: string[]): Promise<number> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'idempotency-key': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    console.error(HELP);
    return 2;
  }
  const json = values.json ?? false;
  return runCommand(json, async () => {
    let body: unknown;
    try {
      body = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read ${file}: ${(error as Error).message}`);
    }
    const key = values['idempotency-key'];
    const answer = await createClient().request<Created>('POST', '/v1/submissions', {
      body,
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });
    const created = answer.body;
    if (json) {
      console.log(JSON.stringify(created));
      return 0;
    }
    const replayed = answer.headers.get('idempotent-replayed') === 'true';
    console.log(
      `${replayed ? 'Already submitted' : 'Submitted'}: ${created.id} (${created.status}, ${created.state})`,
    );
    console.log(`  ${created.submission.title}`);
    for (const a of created.attachments.filter((a) => a.status === 'pending')) {
      console.log(
        `  annex ${a.annex} awaits its PDF (attachment "${a.id}"): POST /v1/submissions/${created.id}/attachments`,
      );
    }
    return 0;
  });
};
