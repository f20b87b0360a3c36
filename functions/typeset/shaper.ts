/**
 * Shaping with HarfBuzz: a run of text in one font and one direction becomes glyphs in visual
 * order with their positions. Results are cached per (font, direction, language, text) for the
 * life of one typesetter (one document); one HarfBuzz buffer is reused for the whole process.
 */
import type { Buffer } from 'harfbuzzjs';
import type { LoadedFont } from './fonts.ts';
import type { HarfBuzz } from './harfbuzz.ts';

export interface ShapedGlyph {
  gid: number;
  /** UTF-16 offset, in the shaped text, of the first character of the glyph's cluster. */
  cluster: number;
  /** Advance, offsets: font units. */
  ax: number;
  dx: number;
  dy: number;
  /** HarfBuzz says a line must not be cut right before this glyph without shaping again. */
  unsafeToBreak: boolean;
  /** Text the glyph stands for (its cluster's text on the first glyph of a cluster, else ''). */
  text: string;
}

export interface ShapedRun {
  /** Glyphs in visual order (right to left runs come out reversed). */
  glyphs: ShapedGlyph[];
  /** Sum of advances, font units. */
  advance: number;
}

const UNSAFE_TO_BREAK = 1;

let sharedBuffer: Buffer | undefined;

export class Shaper {
  readonly #hb: HarfBuzz;
  readonly #cache = new Map<string, ShapedRun>();

  constructor(hb: HarfBuzz) {
    this.#hb = hb;
  }

  shape(font: LoadedFont, text: string, rtl: boolean, language: string): ShapedRun {
    const key = `${font.key}\u0000${rtl ? 'r' : 'l'}\u0000${language}\u0000${text}`;
    const cached = this.#cache.get(key);
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
    this.#cache.set(key, run);
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
  const starts = [...new Set(infos.map((i) => i.cluster))].sort((a, b) => a - b);
  const texts: string[] = new Array(infos.length).fill('');
  const members = new Map<number, number[]>();
  // Glyph indexes per cluster, in logical order (a right-to-left run comes out reversed).
  const order = infos.map((_, i) => i);
  if (rtl) order.reverse();
  for (const i of order) {
    const c = infos[i]?.cluster ?? 0;
    const list = members.get(c);
    if (list) list.push(i);
    else members.set(c, [i]);
  }
  starts.forEach((start, k) => {
    const glyphs = members.get(start) ?? [];
    const clusterText = text.slice(start, starts[k + 1] ?? text.length);
    const chars = [...clusterText];
    if (glyphs.length < 2 || chars.length !== glyphs.length) {
      if (glyphs[0] !== undefined) texts[glyphs[0]] = clusterText;
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
  });
  return texts;
};
