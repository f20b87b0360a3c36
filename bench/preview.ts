/**
 * Preview benchmark: the officer console's preview renders one language of a document in the web
 * function, synchronously, while the officer waits. Measured here as the web function does it
 * (the render worker's renderer, `createRenderer`), warm (fonts and shaper loaded by an earlier
 * call in the process), for each language of the design sample: with the shaping cache as an
 * earlier render left it, and emptied before each render with the caches of bidi levels and font
 * subsets (a version whose text, and glyph set, just changed).
 */
import { createRenderer } from '../functions/adapters/renderer.ts';
import { documentFileOf } from '../functions/domain/distribution.ts';
import { LANGUAGES } from '../functions/domain/languages.ts';
import { clearLevelCache } from '../functions/typeset/bidi.ts';
import { clearFontProgramCache } from '../functions/typeset/document-fonts.ts';
import { clearShapingCache } from '../functions/typeset/shaper.ts';
import { loadFixture } from '../test/support/fixtures.ts';

export const title = 'Preview: one language of the design sample, rendered in process (warm)';

const ROUNDS = 20;
const TARGET_MS = 100;

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

export async function run(): Promise<string[]> {
  const render = createRenderer('https://documents.un.org');
  const document = documentFileOf(loadFixture());
  const noAttachments = async (key: string): Promise<Uint8Array> => {
    throw new Error(`the design sample has no PDF annex (${key})`);
  };
  const once = async (lang: (typeof LANGUAGES)[number]) => {
    const started = performance.now();
    await render(document, lang, noAttachments);
    return performance.now() - started;
  };
  // Warm: the first render in the process loads the fonts and HarfBuzz; the preview's Lambda has
  // done that on an earlier request.
  const cold = await once('en');
  const lines = [
    `First render in the process (cold, English): ${ms(cold)}`,
    '',
    `| lang | warm p50 | warm p95 | fresh text p50 | fresh text p95 | target ≤ ${TARGET_MS} ms |`,
    '| --- | --- | --- | --- | --- | --- |',
  ];
  let worst = 0;
  for (const lang of LANGUAGES) {
    await once(lang);
    const warm: number[] = [];
    const fresh: number[] = [];
    for (let round = 0; round < ROUNDS; round++) warm.push(await once(lang));
    for (let round = 0; round < ROUNDS; round++) {
      clearShapingCache();
      clearFontProgramCache();
      clearLevelCache();
      fresh.push(await once(lang));
    }
    const p95 = Math.max(quantile(warm, 0.95), quantile(fresh, 0.95));
    worst = Math.max(worst, p95);
    lines.push(
      `| ${lang} | ${ms(quantile(warm, 0.5))} | ${ms(quantile(warm, 0.95))} | ${ms(quantile(fresh, 0.5))} | ${ms(quantile(fresh, 0.95))} | ${p95 <= TARGET_MS ? 'ok' : 'OVER'} |`,
    );
  }
  lines.push('', `Worst p95 over the six languages: ${ms(worst)} (${ROUNDS} rounds each).`);
  return lines;
}
