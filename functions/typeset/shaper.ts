/**
 * Shaping with HarfBuzz: a run of text in one font and one direction becomes glyphs in visual
 * order with their positions. Results depend on nothing else, so they are cached per (font,
 * direction, language, text) for the whole process, shared by every document (mastheads,
 * boilerplate, and the same text rendered again); one HarfBuzz buffer is reused throughout.
 * Cached runs are shared: nothing may change them.
 */
import type { Buffer } from 'harfbuzzjs';
import type { LoadedFont } from './fonts.ts';
import type { HarfBuzz } from './harfbuzz.ts';

export interface ShapedGlyph {
  readonly gid: number;
  /** UTF-16 offset, in the shaped text, of the first character of the glyph's cluster. */
  readonly cluster: number;
  /** Advance, offsets: font units. */
  readonly ax: number;
  readonly dx: number;
  readonly dy: number;
  /** HarfBuzz says a line must not be cut right before this glyph without shaping again. */
  readonly unsafeToBreak: boolean;
  /** Text the glyph stands for (its cluster's text on the first glyph of a cluster, else ''). */
  readonly text: string;
}

export interface ShapedRun {
  /** Glyphs in visual order (right to left runs come out reversed). */
  readonly glyphs: readonly ShapedGlyph[];
  /** Sum of advances, font units. */
  readonly advance: number;
}

const UNSAFE_TO_BREAK = 1;

let sharedBuffer: Buffer | undefined;

/** The process-wide cache, oldest first; bounded by its number of glyphs (about 80 bytes each). */
const cache = new Map<string, ShapedRun>();
const MAX_CACHED_GLYPHS = 250_000;
let cachedGlyphs = 0;

const remember = (key: string, run: ShapedRun): void => {
  cache.set(key, run);
  cachedGlyphs += run.glyphs.length;
  // Over the bound: drop the oldest runs until a quarter of the room is free again.
  if (cachedGlyphs <= MAX_CACHED_GLYPHS) return;
  for (const [oldKey, oldRun] of cache) {
    if (cachedGlyphs <= (MAX_CACHED_GLYPHS * 3) / 4) break;
    cache.delete(oldKey);
    cachedGlyphs -= oldRun.glyphs.length;
  }
};

/** Empties the shaping cache (benchmarks measure rendering without it; frees its memory). */
export const clearShapingCache = (): void => {
  cache.clear();
  cachedGlyphs = 0;
};

export class Shaper {
  readonly #hb: HarfBuzz;

  constructor(hb: HarfBuzz) {
    this.#hb = hb;
  }

  shape(font: LoadedFont, text: string, rtl: boolean, language: string): ShapedRun {
    const key = `${font.key}\u0000${rtl ? 'r' : 'l'}\u0000${language}\u0000${text}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const hb = this.#hb;
    sharedBuffer ??= new hb.Buffer();
    const buffer = sharedBuffer;
    buffer.clearContents();
    buffer.addText(text);
    buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
    buffer.setLanguage(language);
    // Marks get clusters of their own, so each glyph maps back to the characters it shows.
    buffer.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
    // The script is guessed from the text: forcing Arabic on digits would apply Arabic number forms.
    buffer.guessSegmentProperties();
    hb.shape(font.hbFont, buffer);
    const infos = buffer.getGlyphInfos();
    const positions = buffer.getGlyphPositions();

    const texts = clusterTexts(font, text, infos, rtl);
    const glyphs: ShapedGlyph[] = [];
    let advance = 0;
    infos.forEach((info, i) => {
      const pos = positions[i];
      const ax = pos?.xAdvance ?? 0;
      advance += ax;
      glyphs.push({
        gid: info.codepoint,
        cluster: info.cluster,
        ax,
        dx: pos?.xOffset ?? 0,
        dy: pos?.yOffset ?? 0,
        unsafeToBreak: (info.flags & UNSAFE_TO_BREAK) !== 0,
        text: texts[i] ?? '',
      });
    });
    const run = { glyphs, advance };
    remember(key, run);
    return run;
  }
}

/**
 * The text each glyph stands for in the ToUnicode map. A cluster of one glyph (or a ligature) maps
 * to its whole text; a cluster of as many glyphs as characters (a base with stacked marks) maps
 * one character to each glyph, each to its own nominal glyph first, so a mark glyph keeps one
 * meaning wherever it is used. Other glyphs of a cluster map to nothing.
 */
const clusterTexts = (
  font: LoadedFont,
  text: string,
  infos: readonly { codepoint: number; cluster: number }[],
  rtl: boolean,
): string[] => {
  const n = infos.length;
  const texts: string[] = new Array(n).fill('');
  // Clusters are monotone: glyphs come grouped by cluster, in logical order left to right, or
  // reversed for a right-to-left run. Walk the groups in logical order.
  const at = (k: number): number => (rtl ? n - 1 - k : k);
  let k = 0;
  while (k < n) {
    const start = infos[at(k)]?.cluster ?? 0;
    let j = k + 1;
    while (j < n && infos[at(j)]?.cluster === start) j++;
    const end = j < n ? (infos[at(j)]?.cluster ?? text.length) : text.length;
    const clusterText = text.slice(start, end);
    const count = j - k;
    if (count === 1 || clusterText.length === 1) {
      texts[at(k)] = clusterText;
    } else {
      assignCharacters(
        font,
        clusterText,
        infos,
        texts,
        Array.from({ length: count }, (_, m) => at(k + m)),
      );
    }
    k = j;
  }
  return texts;
};

/** Several glyphs for several characters: one character per glyph, nominal glyphs first. */
const assignCharacters = (
  font: LoadedFont,
  clusterText: string,
  infos: readonly { codepoint: number }[],
  texts: string[],
  glyphs: number[],
): void => {
  const chars = [...clusterText];
  const first = glyphs[0] ?? 0;
  if (chars.length !== glyphs.length) {
    texts[first] = clusterText;
    return;
  }
  const free = new Set(glyphs);
  const rest: string[] = [];
  for (const ch of chars) {
    const nominal = font.hbFont.nominalGlyph(ch.codePointAt(0) ?? 0);
    const g = glyphs.find((i) => free.has(i) && infos[i]?.codepoint === nominal);
    if (g === undefined) rest.push(ch);
    else {
      texts[g] = ch;
      free.delete(g);
    }
  }
  for (const g of glyphs) if (free.has(g)) texts[g] = rest.shift() ?? '';
};
