/**
 * Footnotes at the foot of the page where they are called, as the UN prints them: the flow keeps
 * room for a line's notes on its page (or moves both), splits only a long note, and the rendered
 * documents of all six languages show each note on its call's page, below the text, above the footer.
 */
import { execFileSync } from 'node:child_process';
import type { PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { DocumentFile } from '../functions/domain/document.ts';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import { Flow, type FlowBlock, type FlowPage, type FootLine } from '../functions/render/flow.ts';
import { renderDocument } from '../functions/render/index.ts';
import { parseBody } from '../functions/render/markdown.ts';
import { loadTemplate } from '../functions/render/template.ts';
import { loadFixture } from './support/fixtures.ts';
import { pdfWords, tempFile } from './support/pdf.ts';
import { checkPdf } from './support/pdf-ua-check.ts';

/** Pages that record what lands on them; every page has room for baselines 10…100. */
const setup = () => {
  const drawn: { page: number; row: string; baseline: number }[] = [];
  const rules: { page: number; top: number }[] = [];
  const pages: FlowPage[] = [];
  const idOf = (page: PDFPage) => (page as unknown as { id: number }).id;
  const newPage = (): FlowPage => {
    const page = { page: { id: pages.length + 1 } as unknown as PDFPage, bottom: 100 };
    pages.push(page);
    return page;
  };
  const flow = new Flow(newPage(), 0, 10, newPage, {
    space: 5,
    rule: (page, top) => rules.push({ page: idOf(page), top }),
  });
  const row = (name: string) => (page: PDFPage, baseline: number) => {
    drawn.push({ page: idOf(page), row: name, baseline });
  };
  const note = (name: string, lines: number): FootLine[] =>
    Array.from({ length: lines }, (_, i) => ({ row: row(`${name}${i + 1}`), leading: 8 }));
  /** `calls[i]`: the note that row i calls. */
  const block = (name: string, lines: number, calls: Record<number, FootLine[]> = {}): FlowBlock => ({
    rows: Array.from({ length: lines }, (_, i) => row(`${name}${i + 1}`)),
    notes: Array.from({ length: lines }, (_, i) => calls[i]),
    leading: 10,
    spaceBefore: 0,
    spaceAfter: 5,
  });
  const on = (page: number) => drawn.filter((d) => d.page === page).map((d) => d.row);
  const at = (name: string) => drawn.find((d) => d.row === name);
  return { flow, block, note, on, at, rules };
};

describe('Flow with footnotes', () => {
  it('sets a note on the last baselines of its call’s page, under the rule, and keeps the text above it', () => {
    const { flow, block, note, on, at, rules } = setup();
    flow.add(block('a', 3, { 1: note('n', 2) }));
    flow.add(block('b', 6));
    flow.finish();
    // Two note lines of 8 take 16 points and the rule 5 more: text may go down to baseline 79.
    expect(on(1)).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4', 'n1', 'n2']);
    expect(on(2)).toEqual(['b5', 'b6']);
    expect([at('n1')?.baseline, at('n2')?.baseline]).toEqual([92, 100]);
    expect(at('b4')?.baseline).toBeLessThanOrEqual(79);
    expect(rules).toEqual([{ page: 1, top: 100 - 16 - 5 / 4 }]);
  });

  it('moves a line whose note does not fit with it to the next page, with its note', () => {
    const { flow, block, note, on, rules } = setup();
    flow.add(block('a', 6));
    // b3 would stand at 95, but its note leaves room down to 79 only: b moves (two lines at least).
    flow.add(block('b', 3, { 2: note('n', 2) }));
    flow.finish();
    expect(on(1)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
    expect(on(2)).toEqual(['b1', 'b2', 'b3', 'n1', 'n2']);
    expect(rules.map((r) => r.page)).toEqual([2]);
  });

  it('splits a note longer than half a page, continuing it at the foot of the next page', () => {
    const { flow, block, note, on, at, rules } = setup();
    // Eight lines of 8 points: 64, more than half of the 90 points of text a page holds. Below a4
    // (baseline 40) six of them fit; the last two go on at the foot of the next page.
    flow.add(block('a', 4, { 3: note('n', 8) }));
    flow.add(block('b', 2));
    flow.finish();
    expect(on(1)).toEqual(['a1', 'a2', 'a3', 'a4', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
    expect(on(2)).toEqual(['b1', 'b2', 'n7', 'n8']);
    expect([at('n6')?.baseline, at('n8')?.baseline]).toEqual([100, 100]);
    expect(rules.map((r) => r.page)).toEqual([1, 2]);
  });

  it('continues a split note on a page of its own when the text has ended', () => {
    const { flow, block, note, on } = setup();
    flow.add(block('a', 4, { 3: note('n', 8) }));
    flow.finish();
    expect(on(2)).toEqual(['n7', 'n8']);
  });

  it('sets the notes of one page in the order of their calls', () => {
    const { flow, block, note, on } = setup();
    flow.add(block('a', 2, { 0: note('m', 1), 1: note('n', 1) }));
    flow.finish();
    expect(on(1)).toEqual(['a1', 'a2', 'm1', 'n1']);
  });
});

/** Letters for the markers, so that no marker is a prefix of another. */
const MARKS = 'ABCDEFGHI';
const LONG = MARKS.length;

/**
 * The design sample's `lang` text made into a longer body: each of paragraphs 1–8 calls a short
 * note, the ninth a note longer than a page. Markers (`CALLA`, `NOTEA`, `ENDI`) find them in the PDF.
 */
const footnoted = (lang: Lang): DocumentFile => {
  const doc = loadFixture();
  const version = doc.versions[lang];
  if (!version) throw new Error(`the sample has no ${lang} version`);
  const paragraphs = version.body.split(/\n\n+/).filter((p) => !/^[#>\-*\d]/.test(p));
  const text = (i: number) => paragraphs[i % paragraphs.length] ?? '';
  const body = Array.from({ length: 2 * MARKS.length }, (_, i) => {
    const mark = MARKS[Math.floor(i / 2)];
    return i % 2 === 1 && mark ? `${text(i)} CALL${mark}[^${Math.floor(i / 2) + 1}]` : text(i);
  });
  const notes = [...MARKS].map((mark, i) =>
    i + 1 === LONG
      ? `[^${i + 1}]: NOTE${mark} ${Array.from({ length: 14 }, (_, j) => text(j)).join(' ')} END${mark}`
      : `[^${i + 1}]: NOTE${mark} ${text(i)}`,
  );
  version.body = [...body, ...notes].join('\n\n');
  version.annexes = [];
  return doc;
};

const words = (pdf: Uint8Array, pages: number) =>
  Array.from({ length: pages }, (_, i) => pdfWords(pdf, i + 1).map((w) => ({ ...w, page: i + 1 })));

const letter = loadTemplate('letter');

describe.each(LANGUAGES)('footnotes in %s', (lang) => {
  it('stand at the foot of the page of their call, below the text and above the footer', async () => {
    const doc = footnoted(lang);
    expect(parseBody(doc.versions[lang]?.body ?? '').filter((b) => b.type === 'footnote')).toHaveLength(LONG);
    const rendered = await renderDocument(doc, lang);
    const all = words(rendered.pdf, rendered.pages);
    const find = (marker: string) => {
      const found = all.flat().filter((w) => w.text.includes(marker));
      expect(found, marker).toHaveLength(1);
      return found[0] as (typeof found)[number];
    };
    const height = letter.paper.letter.height;
    for (const mark of MARKS) {
      const call = find(`CALL${mark}`);
      const note = find(`NOTE${mark}`);
      expect(note.page, mark).toBe(call.page);
      const page = all[note.page - 1] ?? [];
      // Below every call (so every line of text) on the page, and above the running footer.
      const calls = page.filter((w) => w.text.includes('CALL'));
      expect(Math.max(...calls.map((w) => w.yMin)), mark).toBeLessThan(note.yMin);
      expect(note.yMin, mark).toBeLessThan(height - letter.content.lastBaselineFromBottom);
      const footer = page.filter((w) => w.text.includes('25-08590'));
      expect(footer.length).toBeGreaterThan(0);
      for (const w of footer) expect(w.yMin).toBeGreaterThan(note.yMin);
    }
    // The long note goes on at the foot of a later page: at its bottom, under that page's text.
    const end = find(`END${MARKS[LONG - 1]}`);
    const longCall = find(`CALL${MARKS[LONG - 1]}`);
    expect(end.page).toBeGreaterThan(longCall.page);
    expect(end.yMin).toBeLessThan(height - letter.content.lastBaselineFromBottom);
    expect(end.yMin).toBeGreaterThan(height - letter.content.lastBaselineFromBottom - 30);
  });

  it('are Note elements with IDs, each read after the paragraph that calls it', async () => {
    const rendered = await renderDocument(footnoted(lang), lang);
    const tree = execFileSync('pdfinfo', ['-struct-text', tempFile(rendered.pdf)], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect([...tree.matchAll(/^\s*Note <text-note-(\d+)>/gm)].map((m) => m[1])).toEqual(
      [...MARKS].map((_, i) => String(i + 1)),
    );
    let last = -1;
    for (const mark of MARKS) {
      const call = tree.indexOf(`CALL${mark}`);
      const note = tree.indexOf(`NOTE${mark}`);
      expect(call, mark).toBeGreaterThan(last);
      expect(note, mark).toBeGreaterThan(call);
      last = note;
    }
    const result = await checkPdf(rendered.pdf);
    expect(result.failures).toEqual([]);
    expect(result.claims).toEqual({ pdfa: true, pdfua: true });
  });

  it('render to the same bytes twice', async () => {
    const [a, b] = await Promise.all([
      renderDocument(footnoted(lang), lang),
      renderDocument(footnoted(lang), lang),
    ]);
    expect(b.sha256).toBe(a.sha256);
  });
});

describe('a footnote that nothing calls', () => {
  it('is set at the end of the text, still a Note', async () => {
    const doc = loadFixture();
    const version = doc.versions.en;
    if (!version) throw new Error('the sample has no English version');
    version.body =
      'First paragraph, calling CALLA[^1].\n\nLast paragraph LASTWORD.\n\n[^1]: NOTEA called.\n\n[^2]: NOTEB uncalled.';
    version.annexes = [];
    const rendered = await renderDocument(doc, 'en');
    const text = execFileSync('pdftotext', ['-layout', tempFile(rendered.pdf), '-'], { encoding: 'utf8' });
    // The called note is at the page's foot, below the end of the text and the uncalled one.
    expect(text.indexOf('LASTWORD')).toBeLessThan(text.indexOf('NOTEB'));
    expect(text.indexOf('NOTEB')).toBeLessThan(text.indexOf('NOTEA'));
    const tree = execFileSync('pdfinfo', ['-struct-text', tempFile(rendered.pdf)], { encoding: 'utf8' });
    expect(tree.match(/^\s*Note </gm)).toHaveLength(2);
    expect((await checkPdf(rendered.pdf)).failures).toEqual([]);
  });
});

describe('the footnote of an untranslated annex', () => {
  it('shares the foot of the annex page with the notes its text calls, first as its heading is', async () => {
    const doc = loadFixture();
    const es = doc.versions.es;
    const annex = doc.versions.en?.annexes[0];
    if (!es || !annex) throw new Error('the sample lacks the Spanish version or the English annex');
    es.annexes = [
      {
        ...annex,
        languageOfSubmissionOnly: true,
        originalLanguage: 'en',
        body: 'The annex text, calling CALLX[^1].\n\n[^1]: NOTEX an annex note.',
      },
    ];
    const rendered = await renderDocument(doc, 'es');
    const page = pdfWords(rendered.pdf, rendered.pages);
    const y = (marker: string) => page.find((w) => w.text.includes(marker))?.yMin ?? Number.NaN;
    expect(y('CALLX')).toBeLessThan(y('únicamente'));
    expect(y('únicamente')).toBeLessThan(y('NOTEX'));
    expect(y('NOTEX')).toBeLessThan(letter.paper.letter.height - letter.content.lastBaselineFromBottom);
  });
});
