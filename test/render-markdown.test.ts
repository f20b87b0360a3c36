import { describe, expect, it } from 'vitest';
import { inlineRuns, parseBody } from '../functions/render/markdown.ts';

describe('parseBody', () => {
  it('turns paragraphs, headings and numbered lists into blocks with styled runs', () => {
    const blocks = parseBody(
      'I have the *honour* to **transmit**\nherewith the summary.\n\n## 2. The future of peacekeeping\n\n3. First point *(a)*.\n4. Second point.\n\nLast.',
    );
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        runs: [
          { text: 'I have the ', role: 'regular' },
          { text: 'honour', role: 'italic' },
          { text: ' to ', role: 'regular' },
          { text: 'transmit', role: 'bold' },
          { text: ' herewith the summary.', role: 'regular' },
        ],
      },
      {
        type: 'heading',
        depth: 2,
        number: '2.',
        runs: [{ text: 'The future of peacekeeping', role: 'bold' }],
      },
      {
        type: 'numbered',
        number: '3.',
        runs: [
          { text: 'First point ', role: 'regular' },
          { text: '(a)', role: 'italic' },
          { text: '.', role: 'regular' },
        ],
      },
      { type: 'numbered', number: '4.', runs: [{ text: 'Second point.', role: 'regular' }] },
      { type: 'paragraph', runs: [{ text: 'Last.', role: 'regular' }] },
    ]);
  });

  it('keeps headings without a number whole and nests bold inside italic', () => {
    expect(parseBody('## Chair’s summary\n\n*see **annex** here*')).toEqual([
      { type: 'heading', depth: 2, runs: [{ text: 'Chair’s summary', role: 'bold' }] },
      {
        type: 'paragraph',
        runs: [
          { text: 'see ', role: 'italic' },
          { text: 'annex', role: 'boldItalic' },
          { text: ' here', role: 'italic' },
        ],
      },
    ]);
  });

  it('keeps non-breaking spaces and prints escaped Markdown characters', () => {
    const [block] = parseBody('conclusions suivantes\u00a0: plus de 1\u00a0000 \\*');
    expect(block).toEqual({
      type: 'paragraph',
      runs: [{ text: 'conclusions suivantes\u00a0: plus de 1\u00a0000 *', role: 'regular' }],
    });
  });

  it('sets bullet items and lists inside lists as items with a hanging marker', () => {
    expect(parseBody('- one\n- two\n  1. first\n  2. second\n     - deep\n\n3. Third.\n   1. sub')).toEqual([
      { type: 'item', list: 0, level: 0, runs: [{ text: 'one', role: 'regular' }] },
      { type: 'item', list: 0, level: 0, runs: [{ text: 'two', role: 'regular' }] },
      { type: 'item', list: 1, level: 1, ordinal: 0, runs: [{ text: 'first', role: 'regular' }] },
      { type: 'item', list: 1, level: 1, ordinal: 1, runs: [{ text: 'second', role: 'regular' }] },
      { type: 'item', list: 2, level: 2, runs: [{ text: 'deep', role: 'regular' }] },
      { type: 'numbered', number: '3.', runs: [{ text: 'Third.', role: 'regular' }] },
      // Under a numbered paragraph, the UN's (a), (b) stand at the first-line indent.
      { type: 'item', list: 4, level: 0, ordinal: 0, runs: [{ text: 'sub', role: 'regular' }] },
    ]);
  });

  it("sets an item's further paragraphs in line with its text, without a marker", () => {
    expect(parseBody('- first\n\n  more of first\n- second\n\nAfter.')).toEqual([
      { type: 'item', list: 0, level: 0, runs: [{ text: 'first', role: 'regular' }] },
      {
        type: 'item',
        list: 0,
        level: 0,
        continued: true,
        runs: [{ text: 'more of first', role: 'regular' }],
      },
      { type: 'item', list: 0, level: 0, runs: [{ text: 'second', role: 'regular' }] },
      { type: 'paragraph', runs: [{ text: 'After.', role: 'regular' }] },
    ]);
  });

  it('refuses what it cannot set rather than drop it or print its tags: tables, images, HTML', () => {
    expect(() => parseBody('| a | b |\n|---|---|\n| 1 | 2 |')).toThrow(/table as a PDF annex/);
    expect(() => parseBody('See ![the map](map.png).')).toThrow(/image .* PDF annex/);
    expect(() => parseBody('CO<sub>2</sub> emissions')).toThrow(/HTML cannot be set/);
    expect(() => parseBody('<div>block</div>')).toThrow(/HTML cannot be set/);
    expect(() => inlineRuns('Letter <b>dated</b>')).toThrow(/HTML cannot be set/);
    // Angle brackets that make no tag, and escaped ones, are text.
    expect(parseBody('a < b, c > d and \\<UN>')).toEqual([
      { type: 'paragraph', runs: [{ text: 'a < b, c > d and <UN>', role: 'regular' }] },
    ]);
  });
});

describe('inlineRuns', () => {
  it('reads the Markdown-light signature name', () => {
    expect(inlineRuns('(*Signed*) Antje **Leendertse**')).toEqual([
      { text: '(', role: 'regular' },
      { text: 'Signed', role: 'italic' },
      { text: ') Antje ', role: 'regular' },
      { text: 'Leendertse', role: 'bold' },
    ]);
  });
});
