/**
 * Render benchmark: the design sample (A/79/923-S/2025/341) in all six languages, in process
 * (cold and warm) and as a fresh `distr render` process, with sizes against the targets and
 * against the untagged files (tagging and archival metadata may add at most 10 %).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import { renderDocument } from '../functions/render/index.ts';
import { clearShapingCache } from '../functions/typeset/shaper.ts';
import { loadFixture, FIXTURE as SAMPLE } from '../test/support/fixtures.ts';
import { growth, MAX_GROWTH, UNTAGGED_BYTES } from '../test/support/pdf-budget.ts';

export const title = 'Render: design sample A/79/923-S/2025/341, six languages';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = fileURLToPath(SAMPLE);
const ROUNDS = 10;
const FRESH_RUNS = 3;
const TARGET = { warmSix: 150, freshSeconds: 1, rssMB: 256 };
const SIZE_TARGET_KB: Record<Lang, number> = { ar: 80, zh: 100, en: 40, fr: 40, ru: 40, es: 40 };

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const mark = (ok: boolean) => (ok ? 'ok' : 'OVER');

/** Stands for the output directory in a command line; each run gets a fresh one. */
const OUT = '<out>';

/** The fresh processes measured. */
const COMMANDS = {
  // As a person types it: npm's own start-up comes on top.
  npx: ['npx', 'distr', 'render', FIXTURE, '--out', OUT],
  // The installed command that npx runs (functions/cli/bin.js: the cached bundle).
  bin: [join(ROOT, 'node_modules/.bin/distr'), 'render', FIXTURE, '--out', OUT],
  // The TypeScript sources, as the tests run them.
  source: [
    join(ROOT, 'node_modules/.bin/node'),
    join(ROOT, 'functions/cli/distr.ts'),
    'render',
    FIXTURE,
    '--out',
    OUT,
  ],
};

/** One fresh process rendering all six languages: wall time and peak RSS (GNU time when present). */
const freshProcess = (command: string[]): { seconds: number; rssMB: number | undefined } => {
  const out = mkdtempSync(join(tmpdir(), 'distr-bench-'));
  const args = command.map((arg) => (arg === OUT ? out : arg));
  const timed = existsSync('/usr/bin/time');
  const started = performance.now();
  const result = spawnSync(
    timed ? '/usr/bin/time' : (args[0] ?? 'node'),
    timed ? ['-v', ...args] : args.slice(1),
    {
      encoding: 'utf8',
      cwd: ROOT,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  rmSync(out, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr)?.[1];
  return { seconds, rssMB: kb ? Number(kb) / 1024 : undefined };
};

/** Median wall time and peak RSS of FRESH_RUNS fresh processes, after one that may build caches. */
const fresh = (command: string[]): { seconds: number; peak: number | undefined } => {
  freshProcess(command);
  const runs = Array.from({ length: FRESH_RUNS }, () => freshProcess(command));
  const rss = runs.map((f) => f.rssMB).filter((v) => v !== undefined);
  return {
    seconds: quantile(
      runs.map((f) => f.seconds),
      0.5,
    ),
    peak: rss.length > 0 ? Math.max(...rss) : undefined,
  };
};

export const run = async (): Promise<string[]> => {
  const doc = loadFixture();
  const lines: string[] = [];
  const cold = new Map<Lang, number>();
  const warm = new Map<Lang, number[]>(LANGUAGES.map((l) => [l, []]));
  const size = new Map<Lang, { bytes: number; pages: number }>();
  const totals: number[] = [];

  for (const lang of LANGUAGES) {
    const started = performance.now();
    const { pdf, pages } = await renderDocument(doc, lang);
    cold.set(lang, performance.now() - started);
    size.set(lang, { bytes: pdf.length, pages });
  }
  for (let round = 0; round < ROUNDS; round++) {
    let total = 0;
    for (const lang of LANGUAGES) {
      const started = performance.now();
      await renderDocument(doc, lang);
      const took = performance.now() - started;
      warm.get(lang)?.push(took);
      total += took;
    }
    totals.push(total);
  }

  // The same, with the process-wide shaping cache emptied before every document: what a document
  // whose text the process has never seen costs.
  const uncached: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let total = 0;
    for (const lang of LANGUAGES) {
      clearShapingCache();
      const started = performance.now();
      await renderDocument(doc, lang);
      total += performance.now() - started;
    }
    uncached.push(total);
  }

  lines.push(
    `| lang | cold (1st in process) | warm p50 | warm p95 | pages | size | size target | untagged | growth (≤ ${MAX_GROWTH * 100} %) |`,
  );
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const lang of LANGUAGES) {
    const w = warm.get(lang) ?? [];
    const s = size.get(lang);
    const bytes = s?.bytes ?? 0;
    const kb = bytes / 1024;
    const grown = growth(lang, bytes);
    lines.push(
      `| ${lang} | ${ms(cold.get(lang) ?? 0)} | ${ms(quantile(w, 0.5))} | ${ms(quantile(w, 0.95))} | ${s?.pages} | ${kb.toFixed(1)} KB (${bytes} B) | ≤ ${SIZE_TARGET_KB[lang]} KB ${mark(kb <= SIZE_TARGET_KB[lang])} | ${(UNTAGGED_BYTES[lang] / 1024).toFixed(1)} KB | ${grown >= 0 ? '+' : ''}${(grown * 100).toFixed(1)} % ${mark(grown <= MAX_GROWTH)} |`,
    );
  }
  const warmSix = quantile(totals, 0.5);
  lines.push('');
  lines.push(
    `Warm, all six languages: median ${ms(warmSix)} over ${ROUNDS} rounds (target ≤ ${TARGET.warmSix} ms: ${mark(warmSix <= TARGET.warmSix)}); with the shaping cache emptied before each document: median ${ms(quantile(uncached, 0.5))}`,
  );

  const rssText = (peak: number | undefined) =>
    peak === undefined
      ? 'not measured (no /usr/bin/time)'
      : `${peak.toFixed(0)} MB (target ≤ ${TARGET.rssMB} MB: ${mark(peak <= TARGET.rssMB)})`;
  const npx = fresh(COMMANDS.npx);
  const bin = fresh(COMMANDS.bin);
  const source = fresh(COMMANDS.source);
  const npxAlone = fresh(['npx', 'node', '-e', '0']);
  const seconds = npx.seconds;
  lines.push(
    `Fresh process rendering all six, median of ${FRESH_RUNS} (target ≤ ${TARGET.freshSeconds} s, peak RSS ≤ ${TARGET.rssMB} MB):`,
    `- \`npx distr render\`: ${npx.seconds.toFixed(2)} s (${mark(npx.seconds <= TARGET.freshSeconds)}), peak RSS ${rssText(npx.peak)}; npm's start-up included: \`npx node -e 0\` alone takes ${npxAlone.seconds.toFixed(2)} s`,
    `- \`node_modules/.bin/distr render\` (what npx runs: the cached bundle): ${bin.seconds.toFixed(2)} s (${mark(bin.seconds <= TARGET.freshSeconds)}), peak RSS ${rssText(bin.peak)}`,
    `- \`node functions/cli/distr.ts render\` (the TypeScript sources): ${source.seconds.toFixed(2)} s, peak RSS ${rssText(source.peak)}`,
    `Load average while measuring: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')} on ${availableParallelism()} cores.`,
  );
  const zhKB = (size.get('zh')?.bytes ?? 0) / 1024;
  lines.push('');
  lines.push(
    'Reference figures given to us, NOT measured here: Typst ≈ 105 ms warm for the six, 0.35–0.7 s fresh process, 180 KB Chinese PDF; headless Chromium ≈ 550 ms warm, 4.4 s fresh, 660 KB Chinese PDF.',
    '',
    '| | warm, six | fresh process (npx distr) | Chinese PDF |',
    '|---|---|---|---|',
    `| Distr (measured) | ${ms(warmSix)} | ${seconds.toFixed(2)} s | ${zhKB.toFixed(0)} KB |`,
    `| ÷ Typst (reference) | ${(warmSix / 105).toFixed(2)}× | ${(seconds / 0.35).toFixed(1)}–${(seconds / 0.7).toFixed(1)}× | ${(zhKB / 180).toFixed(2)}× |`,
    `| ÷ Chromium (reference) | ${(warmSix / 550).toFixed(2)}× | ${(seconds / 4.4).toFixed(2)}× | ${(zhKB / 660).toFixed(2)}× |`,
  );
  return lines;
};
