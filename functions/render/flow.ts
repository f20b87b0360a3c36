/**
 * Pours set lines down the pages: spacing between blocks, page breaks, no single line of a
 * paragraph left alone at the foot or head of a page, headings kept with what follows them, and
 * footnotes at the foot of the page where their call stands.
 */
import type { PDFPage } from 'pdf-lib';

/** One line's worth of drawing: the text line and whatever hangs beside it (a paragraph number). */
export type Row = (page: PDFPage, baselineFromTop: number) => void;

/** One line of a footnote, set at the foot of a page; `leading` is the height it takes there. */
export interface FootLine {
  row: Row;
  leading: number;
}

/** How a page's footnotes are set: the space they keep from the text, and their rule. */
export interface Foot {
  /** Between the last baseline of the text and the top of the notes' first line. */
  space: number;
  /** Draws the short rule above the notes, its upper edge `top` points below the page top. */
  rule: (page: PDFPage, top: number) => void;
}

export interface FlowBlock {
  rows: Row[];
  /** The lines of the footnotes that row `i` calls, which go to the foot of the page it is on. */
  notes?: readonly (readonly FootLine[] | undefined)[];
  leading: number;
  spaceBefore: number;
  spaceAfter: number;
  /** Never split (a signature block); it moves whole to the next page instead. */
  keepTogether?: boolean;
  /** Stays on the same page as the first lines of the next block (headings, titles). */
  keepWithNext?: boolean;
}

export interface FlowPage {
  page: PDFPage;
  /** Last baseline allowed on this page, from the top edge. */
  bottom: number;
}

/** Smallest number of lines of a paragraph left at the foot or carried to the head of a page. */
const MIN_LINES = 2;

export class Flow {
  /** Baseline of the last row drawn, or the top of the free space when nothing is drawn yet. */
  private cursor: number;
  private pendingSpace = 0;
  private atTop: boolean;
  private held: FlowBlock[] = [];
  private current: FlowPage;
  private readonly newPage: () => FlowPage;
  private readonly firstBaseline: number;
  private readonly foot: Foot;
  /** Footnote lines at the foot of the current page, drawn when the page is done. */
  private footLines: FootLine[] = [];
  /** Lines of a note split at the foot of a page, continued at the foot of the next. */
  private carried: FootLine[] = [];

  /**
   * `start` is where the text begins on the current page (below the masthead); continuation pages
   * come from `newPage` and begin at `firstBaseline`.
   */
  constructor(
    first: FlowPage,
    start: number,
    firstBaseline: number,
    newPage: () => FlowPage,
    foot: Foot = { space: 0, rule: () => {} },
  ) {
    this.current = first;
    this.cursor = start;
    this.atTop = false;
    this.firstBaseline = firstBaseline;
    this.newPage = newPage;
    this.foot = foot;
  }

  get page(): PDFPage {
    return this.current.page;
  }

  /** Adds a block; blocks marked `keepWithNext` wait for the next one. */
  add(block: FlowBlock): void {
    if (block.rows.length === 0) return;
    this.held.push(block);
    if (block.keepWithNext) return;
    const group = this.held;
    this.held = [];
    // A heading and the first lines of its paragraph must fit together, else they start a new page.
    const need = group.map((b, i) =>
      i === group.length - 1 && !b.keepTogether ? { ...b, rows: b.rows.slice(0, MIN_LINES) } : b,
    );
    if (!this.atTop && !this.fits(need)) this.breakPage();
    for (const b of group) this.place(b);
  }

  /** Ends the current page; the next block starts at the top of a fresh one. */
  breakPage(): void {
    this.flushHeld();
    this.drawFoot();
    this.current = this.newPage();
    this.cursor = this.firstBaseline;
    this.atTop = true;
    this.pendingSpace = 0;
    this.takeCarried();
  }

  /** A note that the page itself calls (the mark of an annex heading): set at its foot. */
  footnote(lines: readonly FootLine[]): void {
    this.footLines.push(...lines);
  }

  /** Places what is held and sets the last page's footnotes, continuing a split note if need be. */
  finish(): void {
    this.flushHeld();
    while (this.carried.length > 0) this.breakPage();
    this.drawFoot();
  }

  /** The last baseline the text may take on this page with `height` points of notes at its foot. */
  private limit(height: number): number {
    return this.current.bottom + 0.01 - (height > 0 ? height + this.foot.space : 0);
  }

  private footHeight(): number {
    return heightOf(this.footLines);
  }

  /** The continued lines of a split note, as many as leave a line of text on the page. */
  private takeCarried(): void {
    let height = 0;
    let take = 0;
    for (const line of this.carried) {
      if (this.firstBaseline > this.limit(height + line.leading) && take > 0) break;
      height += line.leading;
      take++;
    }
    this.footLines = this.carried.slice(0, take);
    this.carried = this.carried.slice(take);
  }

  /** The notes stand on the page's last baselines, under a rule at the start side. */
  private drawFoot(): void {
    const lines = this.footLines;
    this.footLines = [];
    if (lines.length === 0) return;
    const top = this.current.bottom - heightOf(lines);
    this.foot.rule(this.current.page, top - this.foot.space / 4);
    let baseline = top;
    for (const line of lines) {
      baseline += line.leading;
      line.row(this.current.page, baseline);
    }
  }

  /** Places held blocks (a trailing heading) before the flow ends. */
  flushHeld(): void {
    const group = this.held;
    this.held = [];
    for (const b of group) this.place(b);
  }

  private firstRowAt(block: FlowBlock): number {
    return this.atTop ? this.cursor : this.cursor + this.pendingSpace + block.spaceBefore + block.leading;
  }

  private fits(blocks: FlowBlock[]): boolean {
    let cursor = this.cursor;
    let top = this.atTop;
    let space = this.pendingSpace;
    for (const b of blocks) {
      const first = top ? cursor : cursor + space + b.spaceBefore + b.leading;
      cursor = first + (b.rows.length - 1) * b.leading;
      space = b.spaceAfter;
      top = false;
    }
    return cursor <= this.limit(this.footHeight());
  }

  /** How many of `lines` fit at the foot with a text line at `baseline` above them. */
  private fitting(baseline: number, height: number, lines: readonly FootLine[]): number {
    let fit = 0;
    for (const line of lines) {
      if (baseline > this.limit(height + line.leading)) break;
      height += line.leading;
      fit++;
    }
    return fit;
  }

  /**
   * A note that would not fit on an otherwise empty page, or that would take more than half of
   * one: moving it with its call would leave a page half blank.
   */
  private isLong(lines: readonly FootLine[]): boolean {
    return heightOf(lines) > (this.current.bottom - this.firstBaseline) / 2;
  }

  private place(block: FlowBlock): void {
    const rows = block.rows;
    let index = 0;
    while (index < rows.length) {
      const first = this.firstRowAt(block);
      const rest = rows.length - index;
      // Each line takes its notes with it: it fits only if they fit at the foot too.
      let take = 0;
      let height = this.footHeight();
      let split: number | undefined;
      while (take < rest) {
        const baseline = first + take * block.leading;
        const lines = block.notes?.[index + take] ?? [];
        if (baseline <= this.limit(height + heightOf(lines))) {
          height += heightOf(lines);
          take++;
          continue;
        }
        // A long note is split, its lines continued at the foot of the next page; any other moves
        // to the next page with the line that calls it.
        if (lines.length > 0 && baseline <= this.limit(height) && (this.atTop || this.isLong(lines))) {
          const fit = this.fitting(baseline, height, lines);
          if (fit >= Math.min(MIN_LINES, lines.length) || (this.atTop && take === 0)) {
            split = fit;
            take++;
          }
        }
        break;
      }
      if (split === undefined && take < rest && !this.atTop) {
        if (block.keepTogether) take = 0;
        // Widows and orphans: keep at least two lines on each side of the break.
        else {
          if (rest - take < MIN_LINES) take = rest - MIN_LINES;
          if (take < MIN_LINES) take = 0;
        }
      }
      if (take === 0 && this.atTop) {
        take = 1;
        split = this.fitting(first, this.footHeight(), block.notes?.[index] ?? []);
      }
      for (let i = 0; i < take; i++) {
        const row = rows[index + i];
        row?.(this.current.page, first + i * block.leading);
        const lines = block.notes?.[index + i] ?? [];
        if (i === take - 1 && split !== undefined) {
          this.footLines.push(...lines.slice(0, split));
          this.carried.push(...lines.slice(split));
        } else this.footLines.push(...lines);
      }
      if (take > 0) {
        this.cursor = first + (take - 1) * block.leading;
        this.atTop = false;
      }
      index += take;
      if (index < rows.length) this.breakPage();
    }
    this.pendingSpace = block.spaceAfter;
  }
}

const heightOf = (lines: readonly FootLine[]): number => lines.reduce((sum, line) => sum + line.leading, 0);
