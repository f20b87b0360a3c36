import type { PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { Flow, type FlowBlock, type FlowPage } from '../functions/render/flow.ts';

/** Pages are stand-ins recording which rows land on them, and at which baseline. */
const setup = (bottom: number) => {
  const drawn: { page: number; row: string; baseline: number }[] = [];
  const pages: FlowPage[] = [];
  const newPage = (): FlowPage => {
    const page = { page: { id: pages.length + 1 } as unknown as PDFPage, bottom };
    pages.push(page);
    return page;
  };
  const flow = new Flow(newPage(), 0, 10, newPage);
  const block = (name: string, lines: number, extra: Partial<FlowBlock> = {}): FlowBlock => ({
    rows: Array.from({ length: lines }, (_, i) => (page: PDFPage, baseline: number) => {
      drawn.push({ page: (page as unknown as { id: number }).id, row: `${name}${i + 1}`, baseline });
    }),
    leading: 10,
    spaceBefore: 0,
    spaceAfter: 5,
    ...extra,
  });
  const on = (page: number) => drawn.filter((d) => d.page === page).map((d) => d.row);
  return { flow, block, drawn, on, pages };
};

describe('Flow', () => {
  it('spaces blocks by leading plus the space between them', () => {
    const { flow, block, drawn } = setup(1000);
    flow.add(block('a', 2));
    flow.add(block('b', 1, { spaceBefore: 3 }));
    expect(drawn.map((d) => d.baseline)).toEqual([10, 20, 20 + 5 + 3 + 10]);
  });

  it('breaks a paragraph across pages, leaving at least two lines on each side', () => {
    // Room for 10 rows (baselines 10…100) on every page.
    const { flow, block, on } = setup(100);
    flow.add(block('a', 7));
    // b starts at 85: b1 and b2 fit, b3–b5 go over.
    flow.add(block('b', 5));
    expect(on(1)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'b1', 'b2']);
    expect(on(2)).toEqual(['b3', 'b4', 'b5']);
  });

  it('never leaves a single line of a paragraph at the foot of a page', () => {
    const { flow, block, on } = setup(100);
    flow.add(block('a', 8));
    // b1 alone would fit at 95: it moves to the next page with the rest.
    flow.add(block('b', 4));
    expect(on(1)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
    expect(on(2)).toEqual(['b1', 'b2', 'b3', 'b4']);
  });

  it('keeps a heading with the first lines of what follows, and a signature whole', () => {
    const { flow, block, on } = setup(100);
    flow.add(block('a', 8));
    flow.add(block('h', 1, { keepWithNext: true }));
    flow.add(block('b', 3));
    expect(on(1)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8']);
    expect(on(2).slice(0, 2)).toEqual(['h1', 'b1']);
    flow.add(block('s', 9, { keepTogether: true }));
    expect(on(3)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9']);
  });

  it('starts a new page on request, at the first baseline', () => {
    const { flow, block, drawn, pages } = setup(100);
    flow.add(block('a', 1));
    flow.breakPage();
    flow.add(block('b', 1, { spaceBefore: 50 }));
    expect(pages).toHaveLength(2);
    expect(drawn.at(-1)).toEqual({ page: 2, row: 'b1', baseline: 10 });
  });
});

describe('Flow widows', () => {
  it('never carries a single last line to the next page', () => {
    const { flow, block, drawn } = setup(100);
    // 11 rows, 10 fit: one line would be left alone, so two go over.
    flow.add(block('a', 11));
    const byPage = (page: number) => drawn.filter((d) => d.page === page).map((d) => d.row);
    expect(byPage(1)).toHaveLength(9);
    expect(byPage(2)).toEqual(['a10', 'a11']);
  });
});
