/**
 * `distr render FILE.json [--out DIR] [--lang fr,en] [--paper a4]`: writes one PDF per language
 * version, named `<symbols>.<lang>.pdf`. PDF annexes are read relative to the JSON file; the QR
 * code points at `DISTR_PUBLIC_URL`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { documentSchema } from '../../domain/document.ts';
import { isLang, LANGUAGES, type Lang } from '../../domain/languages.ts';
import { fileNameOf, renderDocument } from '../../render/index.ts';
import { readCommandLine, readJsonFile, single } from '../arguments.ts';

export const summary =
  'render FILE.json to one PDF per language (--out DIR, --lang fr,en, --paper letter|a4)';

const HELP = `Usage: distr render FILE.json [--out DIR] [--lang fr,en] [--paper letter|a4]

Writes DIR/<symbols>.<lang>.pdf for every language version in FILE.json (or those given).
  --out DIR       output directory (default: the current directory)
  --lang LIST     comma-separated languages among ${LANGUAGES.join(', ')}
  --paper SIZE    letter (default) or a4
Environment: DISTR_PUBLIC_URL, the base address encoded in the QR code.`;

const readDocument = async (file: string) => {
  const parsed = documentSchema.safeParse(await readJsonFile(file));
  if (!parsed.success)
    throw new Error(`${file} is not a valid document file:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

export const run = async (args: string[]): Promise<number> => {
  const line = readCommandLine(
    args,
    HELP,
    {
      out: { type: 'string', short: 'o', default: '.' },
      lang: { type: 'string', short: 'l' },
      paper: { type: 'string', default: 'letter' },
    },
    single,
  );
  if ('exit' in line) return line.exit;
  const { values, operands: file } = line;
  const paper = values.paper;
  if (paper !== 'letter' && paper !== 'a4') throw new Error(`--paper must be letter or a4, not "${paper}"`);

  const doc = await readDocument(file);
  const present = LANGUAGES.filter((lang) => doc.versions[lang]);
  const wanted = values.lang?.split(',').map((s) => s.trim()) ?? present;
  const bad = wanted.filter((lang) => !isLang(lang) || !doc.versions[lang]);
  if (bad.length > 0)
    throw new Error(`no version in ${file} for: ${bad.join(', ')} (present: ${present.join(', ')})`);

  const base = dirname(resolve(file));
  const attachments = (key: string) => readFile(isAbsolute(key) ? key : join(base, key));
  const publicUrl = process.env.DISTR_PUBLIC_URL;
  await mkdir(values.out, { recursive: true });
  for (const lang of wanted as Lang[]) {
    const { pdf, pages } = await renderDocument(doc, lang, {
      attachments,
      paper,
      ...(publicUrl ? { publicUrl } : {}),
    });
    const target = join(values.out, fileNameOf(doc, lang));
    await writeFile(target, pdf);
    console.log(`${target}  ${pages} pages, ${(pdf.length / 1024).toFixed(1)} KB`);
  }
  return 0;
};
