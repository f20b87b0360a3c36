/**
 * Pours set lines down the pages: spacing between blocks, page breaks, no single line of a
 * paragraph left alone at the foot or head of a page, headings kept with what follows them.
 */
import type { PDFPage } from 'pdf-lib';

/** One line's worth of drawing: the text line and whatever hangs beside it (a paragraph number). */
export type Row = (page: PDFPage, baselineFromTop: number) => void;

export interface FlowBlock {
  rows: Row[];
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

  /**
   * `start` is where the text begins on the current page (below the masthead); continuation pages
   * come from `newPage` and begin at `firstBaseline`.
   */
  constructor(first: FlowPage, start: number, firstBaseline: number, newPage: () => FlowPage) {
    this.current = first;
    this.cursor = start;
    this.atTop = false;
    this.firstBaseline = firstBaseline;
    this.newPage = newPage;
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
    this.current = this.newPage();
    this.cursor = this.firstBaseline;
    this.atTop = true;
    this.pendingSpace = 0;
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
    return cursor <= this.current.bottom + 0.01;
  }

  private place(block: FlowBlock): void {
    let rows = block.rows;
    while (rows.length > 0) {
      const first = this.firstRowAt(block);
      const room = Math.floor((this.current.bottom + 0.01 - first) / block.leading) + 1;
      let take = Math.max(0, Math.min(rows.length, room));
      if (take < rows.length && !this.atTop) {
        if (block.keepTogether) take = 0;
        // Widows and orphans: keep at least two lines on each side of the break.
        else {
          if (rows.length - take < MIN_LINES) take = rows.length - MIN_LINES;
          if (take < MIN_LINES) take = 0;
        }
      }
      if (take === 0 && this.atTop) take = Math.max(1, Math.min(rows.length, room));
      rows.slice(0, take).forEach((row, i) => {
        row(this.current.page, first + i * block.leading);
      });
      if (take > 0) {
        this.cursor = first + (take - 1) * block.leading;
        this.atTop = false;
      }
      rows = rows.slice(take);
      if (rows.length > 0) this.breakPage();
    }
    this.pendingSpace = block.spaceAfter;
  }
}
