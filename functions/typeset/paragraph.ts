/**
 * Setting a paragraph: greedy line filling over the break opportunities, then per line the bidi
 * reordering of its pieces (rule L2), justification and alignment in the box.
 */
import { reorderRuns } from './bidi.ts';
import { type BreakOpportunity, breakOpportunities } from './break-opportunities.ts';
import type { DocumentFonts } from './document-fonts.ts';
import type { LoadedFont } from './fonts.ts';
import type { Item, ItemizedParagraph } from './itemize.ts';
import { type LinePiece, type PlacedGlyph, TypesetLine } from './set-line.ts';
import type { ShapedGlyph, Shaper } from './shaper.ts';
import type { ParagraphStyle } from './types.ts';

/** Spaces that vanish at a line end (no-break spaces U+00A0, U+202F and figure space stay). */
const isCollapsibleSpace = (c: number): boolean =>
  c === 0x20 ||
  c === 0x09 ||
  c === 0x0a ||
  c === 0x0d ||
  c === 0x3000 ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x200b ||
  (c >= 0x2000 && c <= 0x200a && c !== 0x2007);

/** Spaces a justified line may stretch: word spaces, and the no-break space (not the thin U+202F). */
const isStretchableSpace = (s: string): boolean => s === ' ' || s === '\u00a0';

/** Latin, Greek, Cyrillic letters and digits: no letter-spacing inside such words in Chinese. */
const isWesternWordChar = (s: string): boolean =>
  /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Nd}]/u.test(s);

const EPSILON = 1e-6;

interface Piece {
  level: number;
  font: LoadedFont;
  glyphs: readonly ShapedGlyph[];
}

export interface ParagraphContext {
  shaper: Shaper;
  fonts: DocumentFonts;
}

export const setLines = (
  ctx: ParagraphContext,
  para: ItemizedParagraph,
  style: ParagraphStyle,
  boxWidth: number,
  direction: 'ltr' | 'rtl',
): TypesetLine[] => {
  const { text, items } = para;
  const n = text.length;
  if (n === 0) return [];
  const size = style.size;

  // Advance of each character (on its cluster's first unit), in points, and prefix sums.
  const advance = new Float64Array(n);
  for (const item of items) {
    const scale = size / item.font.metrics.upem;
    for (const g of item.shaped.glyphs) {
      const at = item.start + g.cluster;
      advance[at] = (advance[at] ?? 0) + g.ax * scale;
    }
  }
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = (cum[i] ?? 0) + (advance[i] ?? 0);

  const visibleEnd = (from: number, to: number): number => {
    let e = to;
    while (e > from && isCollapsibleSpace(text.charCodeAt(e - 1))) e--;
    return e;
  };
  const widthOf = (from: number, to: number): number => (cum[visibleEnd(from, to)] ?? 0) - (cum[from] ?? 0);

  const indent = style.indent ?? 0;
  const firstIndent = style.firstLineIndent ?? 0;
  const available = (first: boolean): number => boxWidth - indent - (first ? firstIndent : 0);

  // Greedy filling: take break opportunities while the line (without trailing spaces) fits.
  const ranges: { start: number; end: number; forced: boolean }[] = [];
  const breaks: BreakOpportunity[] = breakOpportunities(text);
  let lineStart = 0;
  let lastFit: BreakOpportunity | undefined;
  let k = 0;
  while (k < breaks.length) {
    const bk = breaks[k] as BreakOpportunity;
    const avail = available(ranges.length === 0);
    if (widthOf(lineStart, bk.position) <= avail + EPSILON) {
      lastFit = bk;
      k++;
      if (bk.required || bk.position === n) {
        ranges.push({ start: lineStart, end: bk.position, forced: bk.required && bk.position < n });
        lineStart = bk.position;
        lastFit = undefined;
      }
      continue;
    }
    if (lastFit) {
      ranges.push({ start: lineStart, end: lastFit.position, forced: false });
      lineStart = lastFit.position;
      lastFit = undefined;
      continue; // retry the same opportunity on the new line
    }
    // A single word wider than the line: cut it where it still fits (at least one character).
    const cut = emergencyCut(text, cum, lineStart, bk.position, avail);
    ranges.push({ start: lineStart, end: cut, forced: false });
    lineStart = cut;
  }
  if (lineStart < n) ranges.push({ start: lineStart, end: n, forced: false });

  return ranges.map((range, index) => {
    const first = index === 0;
    const last = index === ranges.length - 1;
    const end = visibleEnd(range.start, range.end);
    const logical = linePieces(ctx, para, range.start, end);
    const pieces = reorderRuns(logical);
    const natural = pieces.reduce(
      (sum, p) => sum + p.glyphs.reduce((s, g) => s + g.ax, 0) * (size / p.font.metrics.upem),
      0,
    );
    const avail = available(first);
    const justify = style.align === 'justify' && !last && !range.forced;
    const stretch = justify ? stretchPoints(pieces, style.lang === 'zh') : [];
    const slack = avail - natural;
    const perGap = justify && stretch.length > 0 && slack > 0 ? slack / stretch.length : 0;
    const extra = new Set(perGap > 0 ? stretch : []);

    const placed: LinePiece[] = [];
    let pen = 0;
    let glyphIndex = 0;
    for (const p of pieces) {
      const scale = size / p.font.metrics.upem;
      const left = pen;
      const glyphs: PlacedGlyph[] = [];
      for (const g of p.glyphs) {
        glyphs.push({ gid: g.gid, x: pen - left + g.dx * scale, dy: g.dy, text: g.text });
        pen += g.ax * scale;
        if (extra.has(glyphIndex)) pen += perGap;
        glyphIndex++;
      }
      placed.push({ font: p.font, x: left, glyphs, order: logical.indexOf(p) });
    }
    const setWidth = pen;
    if (end < range.end) addBreakSpace(para, end, placed, setWidth, size, direction);
    const inset = indent + (first ? firstIndent : 0);
    const align = style.align === 'justify' ? 'start' : style.align;
    let offset: number;
    if (direction === 'ltr') {
      offset =
        align === 'start' ? inset : align === 'end' ? boxWidth - setWidth : inset + (avail - setWidth) / 2;
    } else {
      offset = align === 'start' ? boxWidth - inset - setWidth : align === 'end' ? 0 : (avail - setWidth) / 2;
    }
    return new TypesetLine({
      width: natural,
      setWidth,
      offset,
      text: text.slice(range.start, end),
      start: range.start,
      end,
      pieces: placed,
      size,
      fonts: ctx.fonts,
    });
  });
};

/**
 * Keeps the word space a line broke at (or a space the text ends with) as a glyph at the line's
 * logical end (right end, or left end in right-to-left text), past the text it sets: a space
 * draws no ink, but text extraction and screen readers then read the space between the last word
 * of a line and the first of the next instead of running them together. The line's width and
 * alignment are those without it.
 */
const addBreakSpace = (
  para: ItemizedParagraph,
  at: number,
  placed: LinePiece[],
  setWidth: number,
  size: number,
  direction: 'ltr' | 'rtl',
): void => {
  const item = para.items.find((it) => it.start <= at && at < it.end);
  const shaped = item?.shaped.glyphs.find((g) => g.cluster === at - item.start);
  if (!item || !shaped || shaped.text === '') return;
  const glyph: PlacedGlyph = { gid: shaped.gid, x: 0, dy: 0, text: shaped.text };
  const { font } = item;
  if (direction === 'ltr') {
    const lastPiece = placed.at(-1);
    if (lastPiece?.font === font) lastPiece.glyphs.push({ ...glyph, x: setWidth - lastPiece.x });
    else placed.push({ font, x: setWidth, glyphs: [glyph], order: placed.length });
    return;
  }
  const advance = (shaped.ax * size) / font.metrics.upem;
  const firstPiece = placed[0];
  if (firstPiece?.font === font) {
    firstPiece.x -= advance;
    for (const g of firstPiece.glyphs) g.x += advance;
    firstPiece.glyphs.unshift(glyph);
  } else placed.unshift({ font, x: -advance, glyphs: [glyph], order: placed.length });
};

/** The glyphs of the line's part of each item; a cut HarfBuzz marks unsafe is shaped again. */
const linePieces = (ctx: ParagraphContext, para: ItemizedParagraph, start: number, end: number): Piece[] => {
  const pieces: Piece[] = [];
  for (const item of para.items) {
    if (item.end <= start || item.start >= end) continue;
    const from = Math.max(start, item.start) - item.start;
    const to = Math.min(end, item.end) - item.start;
    let glyphs: readonly ShapedGlyph[] = item.shaped.glyphs.filter(
      (g) => g.cluster >= from && g.cluster < to,
    );
    const whole = from === 0 && to === item.end - item.start;
    if (!whole && (unsafeAt(item, from) || unsafeAt(item, to))) {
      const text = para.text.slice(item.start + from, item.start + to);
      glyphs = ctx.shaper.shape(item.font, text, item.level % 2 === 1, para.language).glyphs;
    }
    if (glyphs.length > 0) pieces.push({ level: item.level, font: item.font, glyphs });
  }
  return pieces;
};

const unsafeAt = (item: Item, cluster: number): boolean =>
  cluster > 0 &&
  cluster < item.end - item.start &&
  item.shaped.glyphs.some((g) => g.cluster === cluster && g.unsafeToBreak);

/**
 * Indexes (in visual order over the whole line) of the glyphs after which justification adds
 * space: word spaces, or for Chinese every gap between clusters except inside Western words.
 */
const stretchPoints = (pieces: readonly Piece[], chinese: boolean): number[] => {
  const out: number[] = [];
  if (!chinese) {
    let i = 0;
    for (const p of pieces) {
      for (const g of p.glyphs) {
        if (isStretchableSpace(g.text)) out.push(i);
        i++;
      }
    }
    return out;
  }
  const glyphs: ShapedGlyph[] = [];
  const pieceOf: number[] = [];
  pieces.forEach((p, piece) => {
    for (const g of p.glyphs) {
      glyphs.push(g);
      pieceOf.push(piece);
    }
  });
  glyphs.forEach((g, i) => {
    // The gap after glyph i, when glyph i+1 starts another cluster (never between a base and its mark).
    const next = glyphs[i + 1];
    if (!next || (pieceOf[i + 1] === pieceOf[i] && next.cluster === g.cluster)) return;
    if (isWesternWordChar(g.text) && isWesternWordChar(next.text)) return;
    out.push(i);
  });
  return out;
};

/** The furthest character boundary (not before a combining mark) at which `from…` still fits. */
const emergencyCut = (text: string, cum: Float64Array, from: number, to: number, avail: number): number => {
  let best = -1;
  for (let i = from + 1; i <= to; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // inside a surrogate pair
    if (i < to && /\p{M}/u.test(text[i] ?? '')) continue;
    if ((cum[i] ?? 0) - (cum[from] ?? 0) > avail + EPSILON) break;
    best = i;
  }
  if (best > from) return best;
  // Not even one character fits: take one anyway so the paragraph moves on.
  const cp = text.codePointAt(from) ?? 0;
  return Math.min(to, from + (cp > 0xffff ? 2 : 1));
};
