/**
 * Typesetting benchmark: sets and finishes a four-page text per language (UN corpus sentences,
 * test/fixtures/typeset/bench.<lang>.txt) and saves the PDF, as the typesetting tests set theirs
 * (test/support/typeset.ts).
 *
 *   npx node bench/typeset.ts
 *
 * cold = a fresh process per language: imports, HarfBuzz and subsetter compilation, font loading
 * and the first document (in brackets: the child process's wall time, start to exit).
 * warm = further documents in one process: median and minimum of 10.
 * The six-language total renders the six documents one after the other in a warm process.
 * Exports `title` and `run()` for bench/run.ts.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import { corpus, renderParagraphs } from '../test/support/typeset.ts';

export const title = 'Typesetting (functions/typeset): four A4 pages per language, set + fonts + save';

/** A language's paragraphs, each one run of plain text. */
const paragraphs = (lang: Lang) => corpus(lang, 'bench').map((text) => [{ text }]);

/** One document: every paragraph set justified and drawn page after page, fonts written, saved. */
const render = (lang: Lang, texts: ReturnType<typeof paragraphs>) => renderParagraphs(lang, texts);

const time = async <T>(f: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** In a child process: the cold first render, measured from process start. */
const cold = async (lang: Lang): Promise<void> => {
  const texts = paragraphs(lang);
  const [firstMs, { pdf: bytes, pages }] = await time(() => render(lang, texts));
  const sinceStart = performance.now(); // performance.now() counts from process start
  console.log(JSON.stringify({ firstMs, sinceStart, pages, kb: bytes.length / 1024 }));
};

export const run = async (): Promise<string[]> => {
  const self = fileURLToPath(import.meta.url);
  const rows: string[] = [
    '| lang | pages | PDF KB | cold: 1st document ms (process start → PDF) [child wall ms] | warm median ms | warm min ms |',
    '|---|---|---|---|---|---|',
  ];
  const texts = Object.fromEntries(LANGUAGES.map((l) => [l, paragraphs(l)])) as Record<
    Lang,
    ReturnType<typeof paragraphs>
  >;
  for (const lang of LANGUAGES) {
    const t = performance.now();
    const out = execFileSync(process.execPath, [self, '--cold', lang], { encoding: 'utf8' });
    const wall = performance.now() - t;
    const c = JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
    // Warm: this process has loaded everything once already after the first language.
    await render(lang, texts[lang]);
    const warm: number[] = [];
    for (let i = 0; i < 10; i++) warm.push((await time(() => render(lang, texts[lang])))[0]);
    rows.push(
      `| ${lang} | ${c.pages} | ${c.kb.toFixed(0)} | ${c.firstMs.toFixed(0)} (${c.sinceStart.toFixed(0)}) [${wall.toFixed(0)}] | ${median(warm).toFixed(1)} | ${Math.min(...warm).toFixed(1)} |`,
    );
  }
  const totals: number[] = [];
  for (let i = 0; i < 10; i++) {
    const [ms] = await time(async () => {
      for (const lang of LANGUAGES) await render(lang, texts[lang]);
    });
    totals.push(ms);
  }
  rows.push(
    '',
    `Six languages one after the other, warm: median ${median(totals).toFixed(0)} ms, min ${Math.min(...totals).toFixed(0)} ms (10 runs).`,
  );
  return rows;
};

if (process.argv[2] === '--cold') {
  await cold(process.argv[3] as Lang);
} else if (import.meta.main) {
  console.log(`## ${title}\n`);
  for (const row of await run()) console.log(row);
}
