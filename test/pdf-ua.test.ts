/**
 * Every rendered PDF is tagged (PDF/UA-1) and archival (PDF/A-2u), and claims no more than it is:
 * the project's checker (test/support/pdf-ua-check.ts), poppler's `pdfinfo -struct-text`, Mozilla's
 * pdf.js (`getStructTree`), `qpdf --check` and MuPDF read the design sample in every language,
 * corpus text, a document with every Markdown construct and one with a PDF annex.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentFile } from '../functions/domain/document.ts';
import { LANGUAGES, type Lang } from '../functions/domain/languages.ts';
import { type RenderedDocument, renderDocument } from '../functions/render/index.ts';
import { inlineRuns, parseBody } from '../functions/render/markdown.ts';
import { loadFixture, sampleWithAnnex } from './support/fixtures.ts';
import { mupdfErrors, pdfText, pdfXmp, tempFile } from './support/pdf.ts';
import { growth, MAX_GROWTH } from './support/pdf-budget.ts';
import { checkPdf } from './support/pdf-ua-check.ts';
import { corpus } from './support/typeset.ts';

const BOTH = ['PDF/A-2u', 'PDF/UA-1'];

/** Text of the structure tree in tree order, one line per element that holds text (poppler). */
const popplerTree = (pdf: Uint8Array): string =>
  execFileSync('pdfinfo', ['-struct-text', tempFile(pdf)], { encoding: 'utf8', maxBuffer: 1 << 26 });

interface TreeNode {
  role?: string;
  lang?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: TreeNode[];
}

/** pdf.js: each page's structure tree, and the tree's text in tree order (marked content by id). */
const pdfjsTree = async (pdf: Uint8Array): Promise<{ trees: TreeNode[]; text: string; roles: string[] }> => {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  /** Per marked-content id, its text items with their baselines and left edges. */
  const items = new Map<string, { str: string; x: number; y: number; rtl: boolean; eol: boolean }[]>();
  const trees: TreeNode[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent({ includeMarkedContent: true });
    const open: (string | null)[] = [];
    type Item = {
      type?: string;
      id?: string;
      str?: string;
      hasEOL?: boolean;
      dir?: string;
      transform?: number[];
    };
    for (const item of content.items as Item[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent')
        open.push(item.id ?? null);
      else if (item.type === 'endMarkedContent') open.pop();
      else {
        const id = open.filter((o): o is string => o !== null).at(-1);
        if (!id) continue;
        const list = items.get(id) ?? [];
        list.push({
          str: item.str ?? '',
          x: item.transform?.[4] ?? 0,
          y: Math.round(item.transform?.[5] ?? 0),
          rtl: item.dir === 'rtl',
          eol: item.hasEOL ?? false,
        });
        items.set(id, list);
      }
    }
    trees.push((await page.getStructTree()) as TreeNode);
  }
  // pdf.js gives the pieces of a right-to-left line (each in logical order) in drawing order, as
  // its text layer places them by position: a reader takes a line's pieces right to left.
  const texts = new Map<string, string>();
  for (const [id, list] of items) {
    const lines: (typeof list)[] = [];
    for (const item of list) {
      const line = lines.find((l) => l[0]?.y === item.y);
      if (line) line.push(item);
      else lines.push([item]);
    }
    let text = '';
    for (const line of lines) {
      const rtl = line.filter((i) => i.rtl).length * 2 > line.filter((i) => i.str.trim() !== '').length;
      let ordered = line;
      if (rtl) {
        // Right to left by position, then each run of left-to-right pieces back in its own order.
        const byX = [...line].sort((a, b) => b.x - a.x);
        ordered = [];
        let run: typeof line = [];
        for (const item of byX) {
          if (!item.rtl) run.push(item);
          else {
            ordered.push(...run.reverse(), item);
            run = [];
          }
        }
        ordered.push(...run.reverse());
      }
      text += ordered.map((i) => i.str).join('');
      // pdf.js ends a line with hasEOL instead of its space; after a hyphen the word goes on.
      if (line.some((i) => i.eol) && !/[-‐]$/.test(text)) text += ' ';
    }
    texts.set(id, text);
  }
  await doc.destroy();
  // Every page's tree is the whole document's (pdf.js shows the elements with content on it).
  const seen = new Set<string>();
  const out: string[] = [];
  const roles: string[] = [];
  const walk = (node: TreeNode) => {
    if (node.type === 'content' && node.id && !seen.has(node.id)) {
      seen.add(node.id);
      out.push(texts.get(node.id) ?? '');
    }
    if (node.role) roles.push(node.role);
    for (const child of node.children ?? []) walk(child);
    if (node.role) out.push(' ');
  };
  for (const tree of trees) walk(tree);
  return { trees, text: out.join(''), roles };
};

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const noSpace = (s: string) => s.replace(/\s+/g, '');
/**
 * Letters only, for Arabic read by pdf.js: its simplified bidi places digits and brackets inside a
 * right-to-left piece otherwise than the logical order, and a vowel mark raised by a text rise is
 * a text item of its own; the letters, and so the words, stay in order.
 */
const lettersOnly = (s: string) => s.replace(/[^\p{L}]/gu, '');

/** The plain text of Markdown paragraphs, as the reader should hear them. */
const paragraphs = (markdown: string): string[] =>
  parseBody(markdown).map((b) => squash(b.runs.map((r) => r.text).join('')));

/** Each of `parts` appears in `text`, in this order. */
const expectInOrder = (text: string, parts: string[]) => {
  let at = 0;
  for (const part of parts) {
    const found = text.indexOf(part, at);
    if (found < 0) {
      // Where the reader's text departs from the expected paragraph.
      let same = 0;
      while (same < part.length && text[at + same] === part[same]) same++;
      const from = text.indexOf(part.slice(0, 20), at);
      let k = 0;
      while (from >= 0 && k < part.length && text[from + k] === part[k]) k++;
      expect(text.slice(from + k - 20, from + k + 40), `expected "${part.slice(k - 20, k + 40)}"`).toBe(
        part.slice(k - 20, k + 40),
      );
    }
    at = found + part.length;
  }
};

const qpdfCheck = (pdf: Uint8Array) => {
  const result = spawnSync('qpdf', ['--check', tempFile(pdf)], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toMatch(/No syntax or stream encoding errors/);
};

const mutoolCheck = (pdf: Uint8Array) => {
  // MuPDF (Artifex's npm build of the engine behind mutool) parses and draws every page; any
  // warning or error it logs is a defect.
  expect(mupdfErrors(tempFile(pdf))).toEqual([]);
};

const allIndependentChecks = async (rendered: RenderedDocument, claims: string[]) => {
  expect(rendered.conformance).toEqual(claims);
  const result = await checkPdf(rendered.pdf);
  expect(result.failures).toEqual([]);
  expect(result.claims).toEqual({ pdfa: claims.includes('PDF/A-2u'), pdfua: claims.includes('PDF/UA-1') });
  qpdfCheck(rendered.pdf);
  mutoolCheck(rendered.pdf);
};

describe('the design sample in every language', () => {
  const doc = loadFixture();
  const rendered = new Map<Lang, RenderedDocument>();
  beforeAll(async () => {
    for (const lang of LANGUAGES) rendered.set(lang, await renderDocument(doc, lang));
  });

  it.each(LANGUAGES)('%s: the checker, qpdf and MuPDF find nothing wrong with the claims', async (lang) => {
    await allIndependentChecks(rendered.get(lang) as RenderedDocument, BOTH);
  });

  it.each(LANGUAGES)(
    '%s: poppler and pdf.js read the tree, the text in order, no furniture',
    async (lang) => {
      const { pdf } = rendered.get(lang) as RenderedDocument;
      const version = doc.versions[lang];
      if (!version) throw new Error(`no ${lang}`);
      const annex = version.annexes[0];
      const expected = [
        squash(
          inlineRuns(version.title)
            .map((r) => r.text)
            .join(''),
        ),
        ...paragraphs(version.body),
        ...(annex?.title
          ? [
              squash(
                inlineRuns(annex.title)
                  .map((r) => r.text)
                  .join(''),
              ),
            ]
          : []),
        ...(annex?.body ? paragraphs(annex.body) : []),
      ];
      const poppler = popplerTree(pdf);
      expect(poppler).toMatch(/^Document\n/);
      for (const role of ['H1', 'P', 'Sect', 'Figure', 'Div']) expect(poppler).toContain(`  ${role}`);
      const tree = await pdfjsTree(pdf);
      expect(tree.roles).toEqual(expect.arrayContaining(['Document', 'H1', 'H2', 'P', 'Sect', 'Figure']));
      // Chinese has no spaces between words; pdf.js marks line ends with a space all the same.
      // Arabic: poppler prints each line's glyphs in drawing (visual) order, pdf.js reorders them.
      if (lang === 'ar') expectInOrder(lettersOnly(tree.text), expected.map(lettersOnly));
      else if (lang === 'zh') expectInOrder(noSpace(tree.text), expected.map(noSpace));
      else {
        expectInOrder(squash(tree.text), expected);
        // poppler reads the real word spaces, line ends included.
        expectInOrder(squash(poppler.replace(/^\s*[A-Za-z0-9]+(?: \(block\))?$/gm, ' ').replace(/"/g, ' ')), [
          expected[1] as string,
        ]);
      }
      // Running headers, page numbers and the job line are artifacts: no reader meets them.
      expect(tree.text).not.toContain(doc.jobNumber);
      expect(tree.text).not.toMatch(/\b2\/\d\b/);
      expect(poppler).not.toContain(doc.jobNumber);
    },
  );

  it('marks the English lines of Arabic, Chinese and Russian mastheads as English', async () => {
    for (const lang of ['ar', 'zh', 'ru'] as const) {
      const { trees } = await pdfjsTree((rendered.get(lang) as RenderedDocument).pdf);
      const document = trees[0]?.children?.[0];
      const english = (document?.children ?? []).filter((n) => n.lang === 'en').length;
      expect(english, lang).toBeGreaterThanOrEqual(3);
      const loaded = await PDFDocument.load((rendered.get(lang) as RenderedDocument).pdf);
      expect(loaded.catalog.lookup(PDFName.of('Lang'))?.toString()).toBe(
        lang === 'zh' ? '(zh-Hans)' : `(${lang})`,
      );
    }
    const en = await pdfjsTree((rendered.get('en') as RenderedDocument).pdf);
    expect(
      (en.trees[0]?.children?.[0]?.children ?? []).filter((n) => n.lang === 'en' && n.role === 'P'),
    ).toEqual([]);
  });

  it('writes XMP that agrees with the Info dictionary and the sRGB output intent', async () => {
    const { pdf } = rendered.get('fr') as RenderedDocument;
    const loaded = await PDFDocument.load(pdf, { updateMetadata: false });
    const xmp = pdfXmp(pdf);
    expect(xmp).toMatch(/^<\?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"\?>/);
    expect(xmp).toContain('<rdf:li xml:lang="fr">');
    expect(xmp).toContain('<dc:language><rdf:Bag><rdf:li>fr</rdf:li></rdf:Bag></dc:language>');
    expect(xmp).toContain('dc:identifier="A/79/923-S/2025/341"');
    expect(xmp).toContain('xmp:CreateDate="2025-06-03T00:00:00Z"');
    expect(xmp).toContain('pdfaid:part="2" pdfaid:conformance="U" pdfuaid:part="1"');
    expect(loaded.getTitle()).toBe(doc.versions.fr?.title);
    expect(pdfText(pdf).length).toBeGreaterThan(1000);
  });

  it.each(LANGUAGES)('%s: tagging and metadata add at most 10 % to the untagged size', (lang) => {
    const { pdf } = rendered.get(lang) as RenderedDocument;
    expect(growth(lang, pdf.length)).toBeLessThanOrEqual(MAX_GROWTH);
  });

  it('pins the sRGB profile with its checksum and licence', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../templates/color/color.json', import.meta.url), 'utf8'),
    );
    for (const profile of manifest.profiles) {
      const bytes = readFileSync(new URL(`../templates/color/${profile.file}`, import.meta.url));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(profile.sha256);
      expect(
        readFileSync(new URL(`../templates/color/${profile.licenceFile}`, import.meta.url), 'utf8'),
      ).toMatch(/^CC0 1\.0 Universal/);
    }
  });
});

/** A version of the sample with `body`, in `lang`; with `untranslated`, an annex kept in French. */
const withBody = (lang: Lang, body: string, untranslated = false): DocumentFile => {
  const doc = loadFixture();
  const version = doc.versions[lang];
  if (!version) throw new Error(`no ${lang}`);
  const annexes = untranslated
    ? [
        ...version.annexes,
        {
          heading: 'Annex II',
          title: 'Déclaration commune',
          body: 'Texte diffusé dans la langue de présentation seulement.',
          originalLanguage: 'fr' as const,
          languageOfSubmissionOnly: true,
        },
      ]
    : version.annexes;
  return { ...doc, versions: { ...doc.versions, [lang]: { ...version, body, annexes } } };
};

const EVERY_CONSTRUCT = [
  '# Top heading',
  'A paragraph with *italic*, **bold** and ***both***.',
  '## IV. A numbered heading',
  '1. First numbered paragraph.',
  '2. Second numbered paragraph, with sub-paragraphs:',
  '   1. lettered one;',
  '   2. lettered two, with bullets:',
  '      - deep bullet',
  '      - another',
  '- A bullet',
  '',
  '  and its second paragraph.',
  '- Another bullet',
  '',
  '### A third-level heading',
  '> A quotation that goes on long enough to break across lines of the column, so that the quote',
  '> holds more than one line of text.',
  '',
  'Last paragraph.',
].join('\n');

describe('documents beyond the sample', () => {
  it.each(['en', 'ar', 'zh'] as const)('%s: every Markdown construct, tagged as what it is', async (lang) => {
    const rendered = await renderDocument(withBody(lang, EVERY_CONSTRUCT, true), lang);
    await allIndependentChecks(rendered, BOTH);
    const tree = await pdfjsTree(rendered.pdf);
    // The untranslated annex says its language; its footnote is a note.
    expect(popplerTree(rendered.pdf)).toMatch(/Note <note-1>.*\n\s+".*\*/);
    expect(tree.roles).toEqual(
      expect.arrayContaining(['L', 'LI', 'Lbl', 'LBody', 'BlockQuote', 'H2', 'H3', 'H4', 'Note']),
    );
    const poppler = popplerTree(rendered.pdf);
    // Lists nest: a lettered list inside a numbered paragraph, bullets inside it.
    expect(poppler).toMatch(/ {6,}L \(block\)\n(?: +.*\n)*? {10,}L \(block\)\n/);
    if (lang === 'en') expectInOrder(squash(tree.text), paragraphs(EVERY_CONSTRUCT));
  });

  it('corpus paragraphs in each language stay valid and in order', async () => {
    for (const lang of LANGUAGES) {
      const sentences = corpus(lang).slice(100, 130);
      const body = sentences.map((s, i) => (i % 7 === 3 ? `1. ${s}` : s)).join('\n\n');
      const rendered = await renderDocument(withBody(lang, body), lang);
      await allIndependentChecks(rendered, BOTH);
      const tree = await pdfjsTree(rendered.pdf);
      const norm = lang === 'ar' ? lettersOnly : noSpace;
      expectInOrder(norm(tree.text), paragraphs(body).map(norm));
    }
  });

  it('a PDF annex: its pages are figures naming the annex, and the file claims only what it is', async () => {
    const annexPdf = await PDFDocument.create();
    const font = await annexPdf.embedFont(StandardFonts.Helvetica);
    for (const n of [1, 2])
      annexPdf.addPage([612, 792]).drawText(`Map ${n}`, { x: 72, y: 700, font, size: 24 });
    const bytes = await annexPdf.save();
    const withAnnex = sampleWithAnnex({ heading: 'Annex II', title: 'Maps', pdf: 'maps.pdf' });
    const rendered = await renderDocument(withAnnex, 'en', { attachments: async () => bytes });
    // Helvetica is not embedded and the pages are not tagged text: neither PDF/A nor PDF/UA.
    expect(rendered.conformance).toEqual([]);
    const result = await checkPdf(rendered.pdf);
    expect(result.claims).toEqual({ pdfa: false, pdfua: false });
    const xmp = pdfXmp(rendered.pdf);
    expect(xmp).toContain('<dc:title>');
    expect(xmp).not.toContain('pdfaid:part');
    expect(xmp).not.toContain('pdfuaid:part');
    qpdfCheck(rendered.pdf);
    mutoolCheck(rendered.pdf);
    const tree = await pdfjsTree(rendered.pdf);
    const figures: TreeNode[] = [];
    const walk = (n: TreeNode) => {
      if (n.role === 'Figure') figures.push(n);
      for (const c of n.children ?? []) walk(c);
    };
    for (const t of tree.trees) walk(t);
    const alts = [...new Set(figures.map((f) => f.alt))];
    expect(alts).toEqual(expect.arrayContaining(['Annex II: Maps (1/2)', 'Annex II: Maps (2/2)']));
    // The rest of the document is tagged as before.
    expect(popplerTree(rendered.pdf)).toContain('Annex II');
  });

  it('an annex that is PDF/A-2u itself keeps the PDF/A claim, and only that', async () => {
    // A drawing without text, claiming PDF/A-2u in its own XMP.
    const annexPdf = await PDFDocument.create({ updateMetadata: false });
    annexPdf.addPage([612, 792]).drawRectangle({ x: 100, y: 100, width: 200, height: 100 });
    const xmp =
      '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="2" pdfaid:conformance="U"/></rdf:RDF></x:xmpmeta><?xpacket end="r"?>';
    const metadata = annexPdf.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' });
    annexPdf.catalog.set(PDFName.of('Metadata'), annexPdf.context.register(metadata));
    const source = { pdf: await annexPdf.save() };
    const withAnnex = sampleWithAnnex({ heading: 'Annex II', pdf: 'fr.pdf' });
    const rendered = await renderDocument(withAnnex, 'en', { attachments: async () => source.pdf });
    await allIndependentChecks(rendered, ['PDF/A-2u']);
  });
});
