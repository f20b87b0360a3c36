/**
 * `distr versions put SYMBOL LANG [FILE.json] [--docx FILE.docx] [--json]`: supplies one language
 * version of a registered document (officers), its text in FILE.json or in a Word file.
 */
import { JSON_OPTION, readBinaryFile, readJsonFile, runCommandLine } from '../arguments.ts';
import { createClient } from '../client.ts';

export const summary =
  'put a language version of a document (DISTR_TOKEN of an officer; --docx FILE, --json)';

const HELP = `Usage: distr versions put SYMBOL LANG [FILE.json] [--docx FILE.docx] [--json]

Sends one language version (PUT /v1/documents/SYMBOL/versions/LANG): FILE.json holds it (title,
body, signature, annexes), or --docx gives its body as a Word file (bodyDocx); from a file, the
title, the signature and the annexes are the file's unless FILE.json gives them.
  --json   print the stored version as JSON
Environment: DISTR_URL (default: the running local Distr), DISTR_TOKEN (an officer token).`;

interface Stored {
  symbol: string;
  lang: string;
  version: { title: string };
  versionsIn: string[];
  versionsMissing: string[];
}

const operands = ([action, symbol, lang, file, ...extra]: string[]) =>
  action === 'put' && symbol && lang && extra.length === 0 ? { symbol, lang, file } : undefined;

export const run = (args: string[]): Promise<number> =>
  runCommandLine(
    args,
    HELP,
    { docx: { type: 'string' }, ...JSON_OPTION },
    operands,
    async (values, target) => {
      const json = values.json;
      if (!target.file && !values.docx)
        throw new Error('give the version as FILE.json, or its body with --docx');
      const given = target.file ? await readJsonFile(target.file) : {};
      const base = typeof given === 'object' && given !== null ? given : {};
      const body = values.docx
        ? {
            ...Object.fromEntries(Object.entries(base).filter(([k]) => k !== 'body')),
            bodyDocx: Buffer.from(await readBinaryFile(values.docx)).toString('base64'),
          }
        : given;
      const path = `/v1/documents/${target.symbol}/versions/${encodeURIComponent(target.lang)}`;
      const answer = await createClient().request<Stored>('PUT', path, { body });
      const stored = answer.body;
      if (json) {
        console.log(JSON.stringify(stored));
        return 0;
      }
      console.log(`${answer.status === 201 ? 'Stored' : 'Replaced'}: ${stored.symbol} ${stored.lang}`);
      console.log(`  ${stored.version.title}`);
      console.log(
        `  in: ${stored.versionsIn.join(', ')}; missing: ${stored.versionsMissing.join(', ') || 'none'}`,
      );
      return 0;
    },
  );
