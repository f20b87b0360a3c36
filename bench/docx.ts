/**
 * Converting a Word letter (`.docx` → Distr's Markdown): a letter of about ten rendered pages,
 * with numbered paragraphs, headings, a lettered list and footnotes, converted warm in-process
 * (the work the worker does) and through the worker runner (a fresh worker per file, one kept
 * ready). The budget is 150 ms warm. Run alone: `npx node bench/docx.ts`.
 */
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
} from 'docx';
import { docxRunner } from '../functions/adapters/docx-runner.ts';
import { convertDocx } from '../functions/domain/docx/convert.ts';
import { renderDocument } from '../functions/render/index.ts';
import { loadFixture } from '../test/support/fixtures.ts';

export const title = 'Word letters in (.docx conversion)';

const BUDGET_MS = 150;
const SENTENCE =
  'The Council reaffirmed its commitment to the purposes and principles of the Charter of the United Nations and underlined the importance of cooperation with regional organizations.';

/** About ten pages: 60 numbered paragraphs of four sentences, a heading every ten, footnotes. */
async function tenPageLetter(): Promise<Uint8Array> {
  const children: Paragraph[] = [
    new Paragraph({
      text: 'Letter dated 2 May 2025 addressed to the Secretary-General',
      heading: HeadingLevel.TITLE,
    }),
  ];
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  for (let i = 0; i < 60; i++) {
    if (i % 10 === 0)
      children.push(new Paragraph({ text: `Part ${i / 10 + 1}`, heading: HeadingLevel.HEADING_2 }));
    const runs = [
      new TextRun(`${SENTENCE} `),
      new TextRun({ text: SENTENCE, bold: i % 3 === 0 }),
      new TextRun(` ${SENTENCE} ${SENTENCE}`),
    ];
    if (i % 6 === 0) {
      const n = i / 6 + 1;
      footnotes[n] = { children: [new Paragraph(`See document A/79/${100 + n}.`)] };
      runs.push(new FootnoteReferenceRun(n));
    }
    children.push(new Paragraph({ children: runs, numbering: { reference: 'paragraphs', level: 0 } }));
    if (i % 15 === 14) {
      for (const item of ['to strengthen cooperation;', 'to report on progress.']) {
        children.push(new Paragraph({ text: item, numbering: { reference: 'paragraphs', level: 1 } }));
      }
    }
  }
  children.push(new Paragraph('(Signed) Antje Leendertse'));
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'paragraphs',
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '(%2)', alignment: AlignmentType.START },
          ],
        },
      ],
    },
    footnotes,
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function run(): Promise<string[]> {
  const docx = await tenPageLetter();
  const first = await convertDocx(docx);
  if (!first.ok) throw new Error(`the bench letter was refused: ${first.problems.join('; ')}`);
  const doc = loadFixture();
  const en = doc.versions.en;
  if (!en) throw new Error('the fixture has an English version');
  const { pages } = await renderDocument(
    { ...doc, versions: { en: { ...en, body: first.value.letter.body, annexes: [] } } },
    'en',
  );
  for (let i = 0; i < 3; i++) await convertDocx(docx);
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await convertDocx(docx);
    warm.push(performance.now() - started);
  }
  const convert = docxRunner();
  await convert(docx);
  const worker: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await convert(docx);
    worker.push(performance.now() - started);
  }
  const warmMs = median(warm);
  return [
    `letter: ${docx.byteLength} bytes, ${first.value.paragraphs} paragraphs, ${first.value.footnotes} footnotes, ${pages} rendered pages`,
    `convert warm, in-process: median ${warmMs.toFixed(1)} ms of 20 (budget ${BUDGET_MS} ms: ${warmMs <= BUDGET_MS ? 'within' : 'OVER'})`,
    `convert through the worker runner (warm worker): median ${median(worker).toFixed(1)} ms of 5`,
  ];
}

if (import.meta.main) for (const line of await run()) console.log(line);
