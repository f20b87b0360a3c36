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

  it('sets bullet items as plain paragraphs', () => {
    expect(parseBody('- one\n- two').map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
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
