/**
 * A line of a set paragraph: positioned glyphs in visual order, drawn with PDF text operators
 * (`TJ` arrays of glyph ids, with kerning, mark offsets and justification as adjustments; `Tc`
 * when the justification adds the same space after most glyphs, as in Chinese).
 */
import { PDFOperatorNames as Op, PDFName, PDFOperator, type PDFPage } from 'pdf-lib';
import type { DocumentFonts, EmbeddedFont } from './document-fonts.ts';
import { EMBOLDEN_STROKE, type LoadedFont } from './fonts.ts';
import type { SetLine } from './types.ts';

export interface PlacedGlyph {
  gid: number;
  /** Pen position of the glyph's origin, in points from the left end of its piece (offsets included). */
  x: number;
  /** Vertical offset, font units (marks). */
  dy: number;
  /** Text the glyph stands for, for ToUnicode ('' when another glyph of its cluster carries it). */
  text: string;
}

/** Glyphs of one font, drawn from one text position. */
export interface LinePiece {
  font: LoadedFont;
  /** Left end, in points from the left end of the line. */
  x: number;
  glyphs: PlacedGlyph[];
  /** Place of the piece in the text's logical order (pieces are kept in visual order). */
  order: number;
}

export class TypesetLine implements SetLine {
  /** Natural width of the glyphs, in points. */
  readonly width: number;
  /** Width after justification (equals `width` unless the line is justified). */
  readonly setWidth: number;
  /** Where the line's left end sits, in points from the left edge of the paragraph box. */
  readonly offset: number;
  /** The line's characters in logical order (trailing spaces dropped). */
  readonly text: string;
  /** UTF-16 range of the line in the paragraph's text. */
  readonly start: number;
  readonly end: number;
  readonly pieces: readonly LinePiece[];
  readonly #size: number;
  readonly #fonts: DocumentFonts;

  constructor(init: {
    width: number;
    setWidth: number;
    offset: number;
    text: string;
    start: number;
    end: number;
    pieces: LinePiece[];
    size: number;
    fonts: DocumentFonts;
  }) {
    this.width = init.width;
    this.setWidth = init.setWidth;
    this.offset = init.offset;
    this.text = init.text;
    this.start = init.start;
    this.end = init.end;
    this.pieces = init.pieces;
    this.#size = init.size;
    this.#fonts = init.fonts;
  }

  draw(page: PDFPage, x: number, y: number): void {
    if (this.pieces.length === 0) return;
    const size = this.#size;
    // An emboldened piece changes the line width: the line keeps the change to itself.
    const stroked = this.pieces.some((piece) => piece.font.emboldened);
    const ops: PDFOperator[] = stroked ? [PDFOperator.of(Op.PushGraphicsState)] : [];
    ops.push(PDFOperator.of(Op.BeginText));
    let mode = 0;
    let charSpacing = 0; // Tc, in text space units
    // Pieces are drawn in logical order, each at its own position: readers that take text in
    // content order (pdf.js) then meet the Latin run inside an Arabic line where it belongs.
    const inOrder = this.pieces.length > 1 ? [...this.pieces].sort((a, b) => a.order - b.order) : this.pieces;
    for (const piece of inOrder) {
      const embedded = this.#fonts.use(piece.font);
      page.node.setFontDictionary(PDFName.of(embedded.name), embedded.ref);
      if (piece.font.emboldened !== (mode === 2)) {
        mode = piece.font.emboldened ? 2 : 0;
        if (mode === 2) {
          // Fill, then stroke the outline in the fill's black: each stem thickens by the line width.
          ops.push(PDFOperator.of(Op.SetLineWidth, [num(EMBOLDEN_STROKE * size)]));
          ops.push(PDFOperator.of(Op.SetLineJoinStyle, ['1']));
        }
        ops.push(PDFOperator.of(Op.SetTextRenderingMode, [String(mode)]));
      }
      const toText = 1000 / size;
      const upem = piece.font.metrics.upem;
      ops.push(PDFOperator.of(Op.SetFontAndSize, [`/${embedded.name}`, num(size)]));
      ops.push(PDFOperator.of(Op.SetTextMatrix, ['1 0 0 1', num(x + this.offset + piece.x), num(y)]));
      // A justified Chinese line spreads its slack evenly between glyphs: one Tc says it once,
      // instead of a TJ number after every glyph.
      const tc = Number(num((usualSpacing(piece, embedded, toText) * size) / 1000));
      if (tc !== charSpacing) {
        charSpacing = tc;
        ops.push(PDFOperator.of(Op.SetCharacterSpacing, [num(tc)]));
      }
      const spacing = tc * toText;
      // Glyphs that follow each other without an adjustment share one hex string.
      let array = '[';
      let open = false;
      let pen = 0; // text space units (thousandths of the font size) that the viewer has advanced
      let rise = 0;
      for (const g of piece.glyphs) {
        embedded.record(g.gid, g.text);
        if (g.dy !== rise) {
          ops.push(PDFOperator.of(Op.ShowTextAdjusted, [`${array}${open ? '>' : ''}]`]));
          rise = g.dy;
          ops.push(PDFOperator.of(Op.SetTextRise, [num((rise * size) / upem)]));
          array = '[';
          open = false;
        }
        const drift = g.x * toText - pen;
        const shift = Math.abs(drift) <= DRIFT ? 0 : Math.round(drift * 100) / 100;
        if (shift !== 0) {
          array += `${open ? '>' : ''}${num(-shift)}`;
          open = false;
          pen += shift;
        }
        array += `${open ? '' : '<'}${hex4(g.gid)}`;
        open = true;
        pen += embedded.width(g.gid) + spacing;
      }
      ops.push(PDFOperator.of(Op.ShowTextAdjusted, [`${array}${open ? '>' : ''}]`]));
      if (rise !== 0) ops.push(PDFOperator.of(Op.SetTextRise, ['0']));
    }
    if (charSpacing !== 0) ops.push(PDFOperator.of(Op.SetCharacterSpacing, ['0']));
    ops.push(PDFOperator.of(Op.EndText));
    if (stroked) ops.push(PDFOperator.of(Op.PopGraphicsState));
    page.pushOperators(...ops);
  }
}

/**
 * The space (thousandths of the font size) most gaps of the piece add to the previous glyph's
 * width, when at least half of them add the same and that is more than the drift allowed; else 0.
 * Short pieces (a word between spaces) keep their TJ numbers: a Tc would not pay for itself.
 */
const usualSpacing = (piece: LinePiece, embedded: EmbeddedFont, toText: number): number => {
  const { glyphs } = piece;
  if (glyphs.length < 8) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i + 1 < glyphs.length; i++) {
    const a = glyphs[i] as PlacedGlyph;
    const b = glyphs[i + 1] as PlacedGlyph;
    const gap = Math.round(((b.x - a.x) * toText - embedded.width(a.gid)) * 100) / 100;
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [gap, count] of counts) {
    if (count > bestCount) {
      best = gap;
      bestCount = count;
    }
  }
  return Math.abs(best) > DRIFT && bestCount * 2 >= glyphs.length - 1 ? best : 0;
};

/**
 * How far (text space units, thousandths of the font size) a glyph may sit from its exact position
 * before the TJ array corrects it. /W widths are whole units, so a 2048-unit font's glyph drifts up
 * to half a unit from the pen: correcting only beyond that bound, never more than any single width
 * is already off, drops most of the TJ numbers (0.006 pt at 12 pt, far below any device pixel).
 */
const DRIFT = 0.5;

/** Glyph ids as four hex digits (CIDs of Identity-H), each computed once. */
const HEX4: string[] = [];
const hex4 = (gid: number): string => {
  let hex = HEX4[gid];
  if (hex === undefined) {
    hex = gid.toString(16).padStart(4, '0');
    HEX4[gid] = hex;
  }
  return hex;
};

/** A PDF number with at most three decimals, never in exponent form. */
export const num = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};
