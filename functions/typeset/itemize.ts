/**
 * Itemization: a paragraph's text is cut into items of one bidi level and one font (chosen per
 * character along the language's fallback chain), and each item is shaped once.
 */
import type { Lang } from '../domain/languages.ts';
import { setWithoutGlyph, UntypesettableTextError } from '../domain/typesettable.ts';
import { embeddingLevels } from './bidi.ts';
import { fontChain } from './font-fallback.ts';
import { type LoadedFont, loadFont } from './fonts.ts';
import type { HarfBuzz } from './harfbuzz.ts';
import type { ShapedRun, Shaper } from './shaper.ts';
import type { FontRole, Run } from './types.ts';

export interface Item {
  /** UTF-16 range in the paragraph text. */
  start: number;
  end: number;
  level: number;
  font: LoadedFont;
  shaped: ShapedRun;
}

export interface ItemizedParagraph {
  text: string;
  levels: Uint8Array;
  items: Item[];
  /** HarfBuzz language tag. */
  language: string;
}

/** HarfBuzz language tags; `zh-Hans` selects the simplified-Chinese (ZHS) glyph forms. */
const HB_LANGUAGE: Record<Lang, string> = { ar: 'ar', zh: 'zh-Hans', en: 'en', fr: 'fr', ru: 'ru', es: 'es' };

const STICKY = /[\p{M}\p{Cf}\s]/u;
const stickyCache = new Map<number, boolean>();

/** Marks, format characters and spaces (ASCII answered without the regular expression). */
const isSticky = (cp: number): boolean => {
  if (cp < 0x80) return cp === 0x20 || (cp >= 0x09 && cp <= 0x0d);
  let sticky = stickyCache.get(cp);
  if (sticky === undefined) {
    sticky = STICKY.test(String.fromCodePoint(cp));
    stickyCache.set(cp, sticky);
  }
  return sticky;
};

/** The font of a character for one language and role, along the fallback chain; remembered. */
const choices = new Map<string, Map<number, LoadedFont>>();
const fontFor = (hb: HarfBuzz, lang: Lang, role: FontRole, cp: number): LoadedFont => {
  const id = `${lang}/${role}`;
  let chosen = choices.get(id);
  if (!chosen) {
    chosen = new Map();
    choices.set(id, chosen);
  }
  let font = chosen.get(cp);
  if (font) return font;
  const chain = fontChain(lang, role, cp);
  for (const key of chain) {
    const candidate = loadFont(hb, key);
    if (candidate.hasChar(cp)) {
      font = candidate;
      break;
    }
  }
  if (!font) {
    // Spaces, joiners and bidi marks are set without a glyph of their own; anything else would be an
    // empty box in print and a wrong character in the text layer.
    if (!setWithoutGlyph(cp)) throw new UntypesettableTextError([cp]);
    font = loadFont(hb, chain[0] ?? 'serifRegular');
  }
  chosen.set(cp, font);
  return font;
};

export const itemize = (
  hb: HarfBuzz,
  shaper: Shaper,
  runs: readonly Run[],
  lang: Lang,
  direction: 'ltr' | 'rtl',
): ItemizedParagraph => {
  let text = '';
  const roles: FontRole[] = [];
  for (const run of runs) {
    text += run.text;
    for (let i = 0; i < run.text.length; i++) roles.push(run.role ?? 'regular');
  }
  const levels = embeddingLevels(text, direction);
  const language = HB_LANGUAGE[lang];

  // Font of each UTF-16 unit. Marks, format characters and spaces stay in the preceding font when
  // it has them, so clusters are not split and words are not cut into items at every space.
  const fonts: LoadedFont[] = [];
  let previous: LoadedFont | undefined;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    const units = cp > 0xffff ? 2 : 1;
    const role = roles[i] ?? 'regular';
    const font = previous && isSticky(cp) && previous.hasChar(cp) ? previous : fontFor(hb, lang, role, cp);
    for (let k = 0; k < units; k++) fonts.push(font);
    previous = font;
    i += units;
  }

  const items: Item[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i < text.length && levels[i] === levels[start] && fonts[i] === fonts[start]) continue;
    const font = fonts[start];
    if (!font) break;
    const level = levels[start] ?? 0;
    items.push({
      start,
      end: i,
      level,
      font,
      shaped: shaper.shape(font, text.slice(start, i), level % 2 === 1, language),
    });
    start = i;
  }
  return { text, levels, items, language };
};
