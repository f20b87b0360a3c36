/**
 * Writes templates/fonts/coverage.json: the characters Distr can set, as code point ranges, read
 * from the character maps of the pinned fonts along the fallback chains. The service checks text
 * against it where no font is at hand (the API validates submissions and translations with it), so
 * pin-fonts.ts rewrites it with the fonts, and a test checks it still matches them. Run it alone:
 *
 *   npx node functions/typeset/tools/font-coverage.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../../domain/languages.ts';
import { fontsDir } from '../../templates-dir.ts';
import { fontChain } from '../font-fallback.ts';
import { FONT_FILES, type FontKey, fontFileOf } from '../fonts.ts';
import { type HarfBuzz, loadHarfBuzz } from '../harfbuzz.ts';
import { copySfntTables } from '../sfnt.ts';
import type { FontRole } from '../types.ts';

const ROLES: readonly FontRole[] = ['regular', 'bold', 'italic', 'boldItalic'];

export type CodePointRanges = [first: number, last: number][];

/** The code points of a font file's character map (HarfBuzz drops glyph ids beyond `maxp`'s count). */
const characterMap = (hb: HarfBuzz, file: string): Set<number> => {
  const { bytes } = copySfntTables(
    join(fontsDir(), file),
    (tag) => tag === 'cmap' || tag === 'maxp',
    (size) => ({ bytes: new Uint8Array(size), at: 0 }),
  );
  return new Set(new hb.Face(new hb.Blob(bytes)).collectUnicodes());
};

/**
 * Code points that some font of the fallback chain has, in every language and every role: text made
 * of them never falls through to a .notdef glyph, whatever language version or emphasis it is in.
 */
export const computeCoverage = async (): Promise<CodePointRanges> => {
  const hb = await loadHarfBuzz();
  const maps = new Map<string, Set<number>>(
    Object.values(FONT_FILES).map((file) => [file, characterMap(hb, file)]),
  );
  const has = (key: FontKey, cp: number) => maps.get(fontFileOf(key))?.has(cp) ?? false;
  const candidates = new Set([...maps.values()].flatMap((map) => [...map]));
  const covered = [...candidates]
    .filter((cp) =>
      LANGUAGES.every((lang) => ROLES.every((role) => fontChain(lang, role, cp).some((key) => has(key, cp)))),
    )
    .sort((a, b) => a - b);
  const ranges: CodePointRanges = [];
  for (const cp of covered) {
    const last = ranges.at(-1);
    if (last && last[1] === cp - 1) last[1] = cp;
    else ranges.push([cp, cp]);
  }
  return ranges;
};

export const COVERAGE_FILE = 'coverage.json';

if (import.meta.main) {
  const ranges = await computeCoverage();
  const target = join(fontsDir(), COVERAGE_FILE);
  writeFileSync(
    target,
    `${JSON.stringify({ generatedBy: 'functions/typeset/tools/font-coverage.ts', ranges })}\n`,
  );
  console.log(`${target}: ${ranges.length} ranges`);
}
