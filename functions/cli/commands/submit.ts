/**
 * `distr submit FILE.json [--docx LETTER.docx [--preview]] [--idempotency-key KEY] [--json]`:
 * sends a submission as a mission, its body in FILE.json or in a Word file.
 */
import { JSON_OPTION, readBinaryFile, readJsonFile, runCommandLine, single } from '../arguments.ts';
import { createClient } from '../client.ts';

export const summary =
  'submit FILE.json as a mission (DISTR_TOKEN; --docx LETTER.docx, --preview, --idempotency-key KEY, --json)';

const HELP = `Usage: distr submit FILE.json [--docx LETTER.docx [--preview]] [--idempotency-key KEY] [--json]

Sends FILE.json (the submission: letter or note verbale) to POST /v1/submissions with the mission
token in DISTR_TOKEN. With --idempotency-key, sending it again returns the first answer.
  --docx FILE   the body is this Word file (sent as bodyDocx, in place of FILE.json's body);
                its annexes too, when FILE.json has none
  --preview     only show what Distr makes of the Word file (POST /v1/conversions/docx); nothing
                is submitted
Environment: DISTR_URL (default: the running local Distr), DISTR_TOKEN.`;

interface Conversion {
  letter: {
    title?: string;
    body: string;
    signature?: { name: string; title: string[] };
    annexes: { heading: string; title?: string; body?: string }[];
  };
  paragraphs: number;
  footnotes: number;
  notes: string[];
  sha256: string;
}

/** The converted letter as the sender checks it before submitting. */
export const printConversion = ({ letter, paragraphs, footnotes, notes, sha256 }: Conversion): void => {
  console.log(`${paragraphs} paragraphs, ${footnotes} footnotes; SHA-256 ${sha256}`);
  if (letter.title) console.log(`Title: ${letter.title}`);
  console.log('');
  console.log(letter.body);
  if (letter.signature) {
    console.log('');
    console.log(['(Signed)', letter.signature.name, ...letter.signature.title].join('\n'));
  }
  for (const annex of letter.annexes) {
    console.log('');
    console.log([annex.heading, annex.title, annex.body].filter(Boolean).join('\n\n'));
  }
  for (const note of notes) console.log(`Note: ${note}`);
};

interface Created {
  id: string;
  status: string;
  state: string;
  submission: { title: string };
  attachments: { id: string; annex: number; status: string }[];
}

export const run = (args: string[]): Promise<number> =>
  runCommandLine(
    args,
    HELP,
    {
      'idempotency-key': { type: 'string' },
      docx: { type: 'string' },
      preview: { type: 'boolean', default: false },
      ...JSON_OPTION,
    },
    single,
    async (values, file) => {
      const json = values.json;
      const input = await readJsonFile(file);
      const docx = values.docx
        ? Buffer.from(await readBinaryFile(values.docx)).toString('base64')
        : undefined;
      if (values.preview) {
        if (!docx) throw new Error('--preview shows a Word file: give it with --docx');
        const answer = await createClient().request<Conversion>('POST', '/v1/conversions/docx', {
          body: { docx },
        });
        if (json) console.log(JSON.stringify(answer.body));
        else printConversion(answer.body);
        return 0;
      }
      const body =
        docx && typeof input === 'object' && input !== null
          ? { ...Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'body')), bodyDocx: docx }
          : input;
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
    },
  );
