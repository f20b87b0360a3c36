/**
 * Which pinned font sets which character: a chain per language and font role, tried in order
 * until a font has the character (per-character fallback).
 */
import type { Lang } from '../domain/languages.ts';
import type { FontKey } from './fonts.ts';
import type { FontRole } from './types.ts';

const SERIF: Record<FontRole, FontKey> = {
  regular: 'serifRegular',
  bold: 'serifBold',
  italic: 'serifItalic',
  boldItalic: 'serifBoldItalic',
};
// Arabic and Chinese have no italics in UN typography: italic runs keep the upright face.
const ARABIC: Record<FontRole, FontKey> = {
  regular: 'arabicRegular',
  bold: 'arabicBold',
  italic: 'arabicRegular',
  boldItalic: 'arabicBold',
};
const CJK: Record<FontRole, FontKey> = {
  regular: 'cjkRegular',
  bold: 'cjkBold',
  italic: 'cjkRegular',
  boldItalic: 'cjkBold',
};

/** Fonts to try, best first, for a character of a run in `role` in a `lang` document. */
export const fontChain = (lang: Lang, role: FontRole, codePoint: number): readonly FontKey[] => {
  if (lang === 'ar') return [ARABIC[role], SERIF[role], CJK[role]];
  if (lang === 'zh') {
    // Latin, Greek and Cyrillic words inside Chinese take the Latin face, as in UN Chinese documents,
    // and so does the list bullet, which the Chinese face draws as a dot half its size.
    return isWesternLetterOrDigit(codePoint) || codePoint === BULLET
      ? [SERIF[role], CJK[role]]
      : [CJK[role], SERIF[role], ARABIC[role]];
  }
  return [SERIF[role], CJK[role], ARABIC[role]];
};

const BULLET = 0x2022;

/** Basic Latin to Latin Extended-B, IPA, Greek, Cyrillic, Latin Extended Additional, currency. */
const isWesternLetterOrDigit = (cp: number): boolean =>
  (cp >= 0x20 && cp < 0x7f) ||
  (cp >= 0xa0 && cp < 0x250) ||
  (cp >= 0x370 && cp < 0x530) ||
  (cp >= 0x1e00 && cp < 0x1f00) ||
  (cp >= 0x20a0 && cp < 0x20d0);
