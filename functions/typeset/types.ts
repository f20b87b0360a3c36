/**
 * Contract between the typesetting engine (functions/typeset/) and the document renderer
 * (functions/render/). The engine turns styled text into positioned glyph lines and writes the
 * subset fonts; the renderer decides what goes where on which page.
 */
import type { PDFDocument, PDFPage } from 'pdf-lib';
import type { Lang } from '../domain/languages.ts';

export type FontRole = 'regular' | 'bold' | 'italic' | 'boldItalic';

/** A piece of inline text in one style (Markdown `**bold**` and `*italic*` become roles). */
export interface Run {
  text: string;
  role?: FontRole;
}

export interface ParagraphStyle {
  lang: Lang;
  /** Font size in points. */
  size: number;
  /** Baseline-to-baseline distance in points. */
  leading: number;
  /** `start` is left in left-to-right text and right in Arabic; `end` the opposite side. */
  align: 'start' | 'end' | 'center' | 'justify';
  /** Indent of the first line on the start side, in points. */
  firstLineIndent?: number;
  /** Indent of every line on the start side (hanging numbers, lists), in points. */
  indent?: number;
  /** Defaults to the language's direction. */
  direction?: 'ltr' | 'rtl';
}

/** One line of a set paragraph, ready to draw. */
export interface SetLine {
  /** Natural width of the glyphs, in points. */
  readonly width: number;
  /** UTF-16 range of the line in the paragraph's text (its runs joined). */
  readonly start: number;
  readonly end: number;
  /** Draws the line in the paragraph box whose left edge is `x`, with its baseline at `y`. */
  draw(page: PDFPage, x: number, y: number): void;
}

export interface Typesetter {
  /** Breaks a paragraph into lines that fit a box `width` points wide (UAX #14, kinsoku, bidi). */
  setParagraph(runs: readonly Run[], style: ParagraphStyle, width: number): SetLine[];
  /** Width of the text set on one line, without breaking. */
  measure(runs: readonly Run[], style: ParagraphStyle): number;
  /** Writes every font used so far into the document as a subset Type0 font with ToUnicode; call once, last. */
  finish(): void;
}

/** Creates a typesetter bound to one PDF document. Fonts are loaded once per process and shared. */
export type CreateTypesetter = (doc: PDFDocument) => Promise<Typesetter>;
