/**
 * The Unicode bidirectional algorithm (UAX #9): embedding levels from bidi-js for a paragraph,
 * and rule L2 to put the runs of one line into visual order.
 */
import bidiModule from 'bidi-js';

// bidi-js is CommonJS: at run time the default import is the factory itself, whatever its types say.
const bidiFactory = bidiModule as unknown as (typeof bidiModule)['default'];
const bidi = bidiFactory();

/** Right-to-left letters, Arabic digits and the explicit bidi controls that open an RTL level. */
const RTL_TRIGGER =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * Levels by direction and text, for the process (mastheads, boilerplate and text rendered again
 * resolve once), oldest dropped first past the bound. The arrays are shared: nothing may change them.
 */
const levelCache = new Map<string, Uint8Array>();
const MAX_CACHED_LEVELS = 4_000;

/** Resolved embedding level of each UTF-16 code unit of `text`. */
export const embeddingLevels = (text: string, direction: 'ltr' | 'rtl'): Uint8Array => {
  // A left-to-right paragraph with nothing that could open a right-to-left level is all level 0.
  if (direction === 'ltr' && !RTL_TRIGGER.test(text)) return new Uint8Array(text.length);
  const key = `${direction}\u0000${text}`;
  let levels = levelCache.get(key);
  if (levels) return levels;
  levels = bidi.getEmbeddingLevels(text, direction).levels;
  levelCache.set(key, levels);
  if (levelCache.size > MAX_CACHED_LEVELS) {
    const oldest = levelCache.keys().next().value;
    if (oldest !== undefined) levelCache.delete(oldest);
  }
  return levels;
};

/** Empties the levels cache (benchmarks measure text not resolved before). */
export const clearLevelCache = (): void => levelCache.clear();

/**
 * Rule L2: from the highest level down to the lowest odd level, reverse every maximal sequence of
 * runs at that level or higher. `runs` are in logical order, each at one level.
 */
export const reorderRuns = <T extends { level: number }>(runs: readonly T[]): T[] => {
  const out = [...runs];
  if (out.length < 2) return out;
  let highest = 0;
  let lowestOdd = Number.POSITIVE_INFINITY;
  for (const r of out) {
    highest = Math.max(highest, r.level);
    if (r.level % 2 === 1) lowestOdd = Math.min(lowestOdd, r.level);
  }
  for (let level = highest; level >= lowestOdd; level--) {
    let i = 0;
    while (i < out.length) {
      if ((out[i]?.level ?? 0) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < out.length && (out[j]?.level ?? 0) >= level) j++;
      const reversed = out.slice(i, j).reverse();
      out.splice(i, j - i, ...reversed);
      i = j;
    }
  }
  return out;
};
