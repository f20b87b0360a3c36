/**
 * The subsetter reads a large CFF font without its charstrings and fetches the outlines of the
 * glyphs a subset keeps just before subsetting: its subsets must be the very bytes of subsets made
 * from the whole font in memory, including on a face that already served other subsets.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontsDir } from '../functions/templates-dir.ts';
import { FONT_FILES } from '../functions/typeset/fonts.ts';
import { LAYOUT_TABLES, loadSubsetter, type SubsetRequest } from '../functions/typeset/subset.ts';

/** Deterministic pseudo-random glyph ids (xorshift), so a failure can be replayed. */
const glyphIds = (seed: number, count: number, max: number): number[] => {
  let x = seed;
  const out = new Set<number>();
  while (out.size < count) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.add((x >>> 0) % max);
  }
  return [...out];
};

const request = (glyphs: number[]): SubsetRequest => ({
  glyphs,
  retainGids: false,
  dropLayout: true,
  dropHinting: true,
  desubroutinize: true,
});

describe('subsetting a CJK font read without its outlines', () => {
  it('gives the same bytes as subsetting the whole font, subset after subset', async () => {
    const subsetter = await loadSubsetter();
    const path = join(fontsDir(), FONT_FILES.cjkRegular);
    const keep = (tag: string) => !LAYOUT_TABLES.has(tag);
    const lazy = subsetter.openFile(path, keep);
    const whole = subsetter.openFile(path, keep, { lazyOutlines: false });
    // Common ideographs and punctuation (low ids), a wide random spread, then an overlapping set.
    const sets = [
      [1, 2, 3, 100, 101, 102, 103, 60000, 65000],
      glyphIds(0x2545f491, 1500, 65366),
      [...glyphIds(0x9e3779b9, 800, 65366), ...glyphIds(0x2545f491, 200, 65366)],
    ];
    for (const glyphs of sets) {
      expect(Buffer.from(lazy.subset(request(glyphs)))).toEqual(Buffer.from(whole.subset(request(glyphs))));
    }
  }, 60_000);
});
