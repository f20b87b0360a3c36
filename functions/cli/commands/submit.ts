/** `distr submit FILE.json [--idempotency-key KEY] [--json]`: sends a submission as a mission. */
import { JSON_OPTION, readCommandLine, readJsonFile, single } from '../arguments.ts';
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
  const line = readCommandLine(args, HELP, { 'idempotency-key': { type: 'string' }, ...JSON_OPTION }, single);
  if ('exit' in line) return line.exit;
  const { values, operands: file } = line;
  const json = values.json;
  return runCommand(json, async () => {
    const body = await readJsonFile(file);
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
