/**
 * The characters Distr can set: those of the pinned fonts (templates/fonts/coverage.json, read from
 * their character maps by functions/typeset/tools/font-coverage.ts), and spaces, controls and
 * default-ignorable characters (joiners, bidi marks, soft hyphens), which HarfBuzz sets without a
 * glyph of their own. Any other character would print as an empty box and come back from the PDF as
 * a different character, so text holding one is refused where it comes in (a 422 naming the field),
 * and the renderer refuses it too.
 */
import type { z } from 'zod';
import coverage from '../../templates/fonts/coverage.json' with { type: 'json' };

/** Sorted, disjoint `[first, last]` code point ranges. */
const RANGES: readonly (readonly number[])[] = coverage.ranges;

const WITHOUT_GLYPH = /[\p{Cc}\p{Zs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

/** A character HarfBuzz sets with no glyph of its own (a space takes the font's space glyph). */
export const setWithoutGlyph = (cp: number): boolean => WITHOUT_GLYPH.test(String.fromCodePoint(cp));

const inPinnedFonts = (cp: number): boolean => {
  let low = 0;
  let high = RANGES.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first = 0, last = -1] = RANGES[middle] ?? [];
    if (cp < first) high = middle - 1;
    else if (cp > last) low = middle + 1;
    else return true;
  }
  return false;
};

/** The characters of `text` Distr cannot set, each once, in order of appearance. */
export const untypesettable = (text: string): number[] => {
  const missing = new Set<number>();
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    // Printable ASCII is always there: skip the lookups for the bulk of Latin text.
    if (cp >= 0x20 && cp < 0x7f) continue;
    if (!inPinnedFonts(cp) && !setWithoutGlyph(cp)) missing.add(cp);
  }
  return [...missing];
};

/** `U+1F600 “😀”, U+0928 “न”` (the first few). */
export const describeCharacters = (codePoints: readonly number[], max = 5): string => {
  const shown = codePoints
    .slice(0, max)
    .map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')} “${String.fromCodePoint(cp)}”`);
  const more = codePoints.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
};

export const untypesettableMessage = (codePoints: readonly number[]): string =>
  `has characters that none of Distr's fonts has, which would print as empty boxes: ${describeCharacters(codePoints)}`;

/** A zod refinement for text that will be typeset: `z.string().superRefine(typesettable)`. */
export const typesettable = (text: string, ctx: z.RefinementCtx): void => {
  const missing = untypesettable(text);
  if (missing.length > 0) ctx.addIssue({ code: 'custom', message: untypesettableMessage(missing) });
};

/** Thrown by the renderer for a character no font has (input validation should have refused it). */
export class UntypesettableTextError extends Error {
  readonly codePoints: readonly number[];
  constructor(codePoints: readonly number[]) {
    super(`text ${untypesettableMessage(codePoints)}`);
    this.name = 'UntypesettableTextError';
    this.codePoints = codePoints;
  }
}
