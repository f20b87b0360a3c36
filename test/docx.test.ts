/**
 * Word files in: a letter in each of the six languages converts into Distr's Markdown with its
 * structure, renders with every paragraph in the PDF's text in order, and each construct Distr
 * cannot set is refused by name, with the paragraph it is in.
 */
import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxRunner } from '../functions/adapters/docx-runner.ts';
import { convertDocx, type DocxConversion } from '../functions/domain/docx/convert.ts';
import { MAX_DOCX_ENTRIES } from '../functions/domain/docx/package.ts';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import { renderDocument } from '../functions/render/index.ts';
import { parseBody } from '../functions/render/markdown.ts';
import {
  addPart,
  commentDocx,
  entityDocx,
  imageDocx,
  LETTERS,
  letterDocx,
  letterParagraphs,
  macroDocx,
  numberingDocx,
  tableDocx,
  trackedChangeDocx,
} from './support/docx.ts';
import { fixturePath, loadFixture } from './support/fixtures.ts';
import { pdfText } from './support/pdf.ts';
import { checkPdf } from './support/pdf-ua-check.ts';

const converted = async (bytes: Uint8Array): Promise<DocxConversion> => {
  const result = await convertDocx(bytes);
  if (!result.ok) throw new Error(`refused: ${result.problems.join('; ')}`);
  return result.value;
};

const refusal = async (bytes: Uint8Array): Promise<string[]> => {
  const result = await convertDocx(bytes);
  if (result.ok) throw new Error('the file was converted, not refused');
  return result.problems;
};

/**
 * Letters and digits only: pdftotext breaks lines where the renderer did, and in Arabic it puts a
 * sentence's final stop and a footnote call in visual order.
 */
const squeeze = (text: string) => text.replace(/[\s\p{P}¹²³⁴-⁹]+/gu, '');

/** The letter in `lang` as the `docx` library wrote it, or as LibreOffice saved it again. */
const WRITERS = {
  'the docx library': (lang: Lang) => letterDocx(lang),
  LibreOffice: async (lang: Lang) =>
    new Uint8Array(readFileSync(fixturePath(`docx/libreoffice/letter-${lang}.docx`))),
} as const;
const CASES = Object.keys(WRITERS).flatMap((writer) =>
  LANGUAGES.map((lang) => ({ writer: writer as keyof typeof WRITERS, lang })),
);

describe.each(CASES)('a letter in $lang written by $writer', ({ writer, lang }) => {
  const t = LETTERS[lang];
  const file = () => WRITERS[writer](lang);

  it('converts into the title, body, signature block and annex, with the structure of the file', async () => {
    const { letter, footnotes, notes } = await converted(await file());
    expect(letter.title).toBe(t.title);
    expect(letter.signature).toEqual({ name: `${t.given} **${t.surname}**`, title: t.titles });
    expect(letter.annexes).toEqual([{ heading: t.annex, title: t.annexTitle, body: t.annexBody }]);
    expect(footnotes).toBe(1);
    expect(notes).toEqual([]);
    const blocks = parseBody(letter.body);
    expect(blocks.map((b) => b.type)).toEqual([
      'paragraph',
      'numbered',
      'item',
      'item',
      'numbered',
      'heading',
      'numbered',
      'item',
      'paragraph',
      'paragraph',
      'footnote',
    ]);
    // Numbered paragraphs go on after the heading; the lettered items are (a) and (b).
    expect(blocks.filter((b) => b.type === 'numbered').map((b) => b.number)).toEqual(['1.', '2.', '3.']);
    const lettered = blocks.filter((b) => b.type === 'item' && b.ordinal !== undefined);
    expect(lettered.map((b) => (b.type === 'item' ? b.ordinal : undefined))).toEqual([0, 1]);
    const [opening] = blocks;
    // A space at the edge of emphasis is set outside it; the footnote's call is a superscript one.
    expect(opening?.type === 'paragraph' && opening.runs).toEqual([
      { text: t.opening[0], role: 'regular' },
      { text: t.opening[1], role: 'bold' },
      ...(t.opening[2].startsWith(' ') ? [{ text: ' ', role: 'regular' }] : []),
      { text: t.opening[2].trimStart(), role: 'italic' },
      { text: '¹', role: 'regular' },
    ]);
    expect(letter.body).toContain(`> ${t.quote}`);
    // The line break stays inside one paragraph.
    const broken = blocks.find((b) => b.type === 'paragraph' && b.runs[0]?.text.startsWith(t.lines[0]));
    expect(broken?.type === 'paragraph' && broken.runs[0]?.text).toBe(`${t.lines[0]}\u2028${t.lines[1]}`);
  });

  it('renders with every paragraph of the file in the PDF, in order', async () => {
    const { letter } = await converted(await file());
    const doc = loadFixture();
    const version = doc.versions[lang];
    if (!version || !letter.signature) throw new Error('the fixture has every language');
    const { pdf } = await renderDocument(
      {
        ...doc,
        versions: {
          [lang]: {
            ...version,
            title: letter.title ?? version.title,
            body: letter.body,
            signature: letter.signature,
            annexes: letter.annexes,
          },
        },
      },
      lang,
    );
    // Footnotes and line breaks keep the PDF/UA and PDF/A checks: each note is a tagged Note with an ID.
    expect((await checkPdf(pdf)).failures).toEqual([]);
    const text = squeeze(pdfText(pdf));
    let from = 0;
    for (const paragraph of [...letterParagraphs(t), t.annex, t.annexTitle, t.annexBody]) {
      const at = text.indexOf(squeeze(paragraph), from);
      expect(at, `“${paragraph}” after position ${from}`).toBeGreaterThanOrEqual(from);
      from = at + squeeze(paragraph).length;
    }
  });
});

describe('Word numbering', () => {
  it.each([
    ['the docx library', numberingDocx],
    ['LibreOffice', async () => new Uint8Array(readFileSync(fixturePath('docx/libreoffice/numbering.docx')))],
  ])(
    'keeps a list’s start number and numbering that goes on past headings and paragraphs (%s)',
    async (_writer, make) => {
      const { letter } = await converted(await make());
      expect(parseBody(letter.body).map((b) => (b.type === 'numbered' ? b.number : b.type))).toEqual([
        'paragraph',
        '7.',
        '8.',
        'heading',
        '9.',
        'paragraph',
        '10.',
      ]);
    },
  );
});

describe('what cannot be set is refused by name', () => {
  it('a table, naming the paragraph it follows and suggesting a PDF annex', async () => {
    const [problem] = await refusal(await tableDocx());
    expect(problem).toMatch(
      /^after paragraph 2 \(“The Council welcomed the proposal of the Secretary-General\.”\)/,
    );
    expect(problem).toContain('a table beginning “Budget line Amount”');
    expect(problem).toContain('PDF annex');
  });

  it('an image, naming its paragraph', async () => {
    const [problem] = await refusal(await imageDocx());
    expect(problem).toMatch(/^paragraph 3 \(“The map below shows the area\.”\): an image/);
    expect(problem).toContain('PDF annex');
  });

  it('tracked changes and comments, never accepted or dropped', async () => {
    expect(await refusal(await trackedChangeDocx())).toEqual([
      expect.stringMatching(/^paragraph 3 \(“Inserted later\.”\): a tracked change/),
    ]);
    expect(await refusal(await commentDocx())).toEqual([
      expect.stringMatching(/^paragraph 3 \(“Commented text\.”\): a comment/),
    ]);
  });

  it('macros, entity declarations, encrypted and other files', async () => {
    expect(await refusal(await macroDocx())).toEqual([expect.stringContaining('macros')]);
    expect(await refusal(await entityDocx())).toEqual([expect.stringContaining('DTD or entities')]);
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await refusal(ole)).toEqual([expect.stringContaining('encrypted')]);
    expect(await refusal(new TextEncoder().encode('%PDF-1.7 not a docx'))).toEqual([
      'this is not a .docx file (a .docx is a ZIP package)',
    ]);
  });

  it('characters no pinned font has, through the submission checks (convertedProblems)', async () => {
    const { letter } = await converted(
      addPart(await letterDocx('en'), 'docProps/custom.xml', '<?xml version="1.0"?><x/>'),
    );
    const { convertedProblems } = await import('../functions/domain/submission.ts');
    expect(convertedProblems({ ...letter, body: `${letter.body} \u{1F600}` }, '/bodyDocx')).toEqual([
      {
        field: '/bodyDocx',
        message: expect.stringMatching(/^the body has characters that none of Distr's fonts has/),
      },
    ]);
  });

  it('a signature block longer than the UN sets, rather than cut it', async () => {
    const lines = [
      '(Signed)',
      'Antje Leendertse',
      ...Array.from({ length: 6 }, (_, i) => `Title line ${i + 1}`),
    ];
    const doc = new Document({
      sections: [{ children: ['I have the honour to write.', ...lines].map((text) => new Paragraph(text)) }],
    });
    const problems = await refusal(new Uint8Array(await Packer.toBuffer(doc)));
    expect(problems).toEqual([
      'paragraph 9 (“Title line 6”): the signature block has over five lines of titles after (Signed); at most five can be set',
    ]);
  });

  it('a package of too many parts, before any is read', async () => {
    const files = unzipSync(await letterDocx('en'));
    for (let i = 0; i <= MAX_DOCX_ENTRIES; i++) files[`customXml/item${i}.bin`] = new Uint8Array(1);
    expect(await refusal(zipSync(files))).toEqual([`the package has over ${MAX_DOCX_ENTRIES} parts`]);
  });
});

describe('the conversion worker', () => {
  it('converts in a worker thread, and refuses a file it cannot finish by the deadline', async () => {
    const convert = docxRunner();
    const result = await convert(await letterDocx('fr'));
    expect(result.ok && result.value.letter.title).toBe(LETTERS.fr.title);
    const hurried = docxRunner({ deadlineMs: 1 });
    expect(await hurried(await letterDocx('fr'))).toEqual({
      ok: false,
      problems: ['the file could not be converted within 0.0 s; simplify it'],
    });
  });
});
