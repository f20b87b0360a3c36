import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentFile } from '../functions/domain/document.ts';
import { fileNameOf, type RenderedDocument, renderDocument } from '../functions/render/index.ts';
import { loadFixture } from './support/fixtures.ts';
import { pdfFonts, pdfText, readCodes, squash } from './support/pdf.ts';

const doc = loadFixture();
let fr: RenderedDocument;

beforeAll(async () => {
  fr = await renderDocument(doc, 'fr');
});

/** A small PDF standing in for an annex a mission sent as a file: two A4 pages of text. */
const annexPdf = async (): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const text of ['ANNEXPAGEONE', 'ANNEXPAGETWO']) {
    const page = pdf.addPage([595.28, 841.89]);
    page.drawText(text, { x: 150, y: 400, size: 14, font });
  }
  return pdf.save();
};

describe('renderDocument', () => {
  it('renders the same document to the same bytes', async () => {
    const again = await renderDocument(doc, 'fr');
    expect(again.sha256).toBe(fr.sha256);
    expect(Buffer.from(again.pdf).equals(Buffer.from(fr.pdf))).toBe(true);
  });

  it('changes the bytes when the document changes', async () => {
    const edited: DocumentFile = structuredClone(doc);
    const version = edited.versions.fr;
    if (!version) throw new Error('fixture has no French version');
    version.body = `${version.body}\n\nUn paragraphe de plus.`;
    const other = await renderDocument(edited, 'fr');
    expect(other.sha256).not.toBe(fr.sha256);
  });

  it('reports the page count and a SHA-256 of the bytes', async () => {
    const loaded = await PDFDocument.load(fr.pdf);
    expect(fr.pages).toBe(loaded.getPageCount());
    expect(fr.pages).toBeGreaterThanOrEqual(3);
    const { createHash } = await import('node:crypto');
    expect(fr.sha256).toBe(createHash('sha256').update(fr.pdf).digest('hex'));
  });

  it('writes title, subject, language, producer and dates from the document, and an /ID', async () => {
    const loaded = await PDFDocument.load(fr.pdf, { updateMetadata: false });
    expect(loaded.getTitle()).toBe(doc.versions.fr?.title);
    expect(loaded.getSubject()).toBe('A/79/923-S/2025/341');
    expect(loaded.getProducer()).toBe('Distr');
    expect(loaded.getCreationDate()?.toISOString()).toBe('2025-06-03T00:00:00.000Z');
    expect(loaded.catalog.get(PDFName.of('Lang'))?.toString()).toBe('(fr)');
    expect(loaded.context.trailerInfo.ID?.toString()).toMatch(/^\[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]$/i);
  });

  it('uses US Letter by default and A4 on request', async () => {
    const letter = await PDFDocument.load(fr.pdf);
    expect(letter.getPage(0).getSize()).toEqual({ width: 612, height: 792 });
    const a4 = await PDFDocument.load((await renderDocument(doc, 'en', { paper: 'a4' })).pdf);
    expect(a4.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it('embeds every font as a subset with a ToUnicode map', () => {
    const fonts = pdfFonts(fr.pdf);
    expect(fonts.length).toBeGreaterThanOrEqual(2);
    for (const font of fonts) {
      expect(font, font.name).toMatchObject({ emb: 'yes', sub: 'yes', uni: 'yes' });
      expect(font.name).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it('prints a Code 39 barcode of the job number and a QR code of the public address', async () => {
    const codes = readCodes(fr.pdf);
    expect(codes).toContain('CODE-39:2508590');
    expect(codes).toContain('QR-Code:http://localhost:3000/fr/A/79/923');
    const es = await renderDocument(doc, 'es', { publicUrl: 'https://distr.example.org/' });
    expect(readCodes(es.pdf)).toContain('QR-Code:https://distr.example.org/es/A/79/923');
  });

  it('numbers continuation pages n/N with the job number, on alternating sides', () => {
    for (let page = 2; page <= fr.pages; page++) {
      const text = squash(pdfText(fr.pdf, page));
      const folio = `${page}/${fr.pages}`;
      expect(text).toContain(folio);
      expect(text).toMatch(/^A\/79\/923 S\/2025\/341/);
      // Even pages: folio left, job number right; odd pages the other way round.
      const order = page % 2 === 0 ? `${folio} 25-08590` : `25-08590 ${folio}`;
      expect(text.endsWith(order), `page ${page}: …${text.slice(-40)}`).toBe(true);
    }
  });

  it('starts each annex on a new page under its heading', () => {
    const annex = doc.versions.fr?.annexes[0];
    expect(annex).toBeDefined();
    expect(squash(pdfText(fr.pdf, 1))).not.toContain(squash(annex?.heading ?? '-'));
    expect(squash(pdfText(fr.pdf, 2))).toContain(squash(annex?.heading ?? '-'));
  });

  it('appends a PDF annex after its heading page, stamped and counted', async () => {
    const withPdf: DocumentFile = structuredClone(doc);
    const en = withPdf.versions.en;
    if (!en) throw new Error('fixture has no English version');
    en.annexes = [{ heading: 'Annex II', title: 'Map of the area', pdf: 'map.pdf' }];
    const bytes = await annexPdf();
    const asked: string[] = [];
    const out = await renderDocument(withPdf, 'en', {
      attachments: async (key) => {
        asked.push(key);
        return bytes;
      },
    });
    expect(asked).toEqual(['map.pdf']);
    const loaded = await PDFDocument.load(out.pdf);
    expect(out.pages).toBe(loaded.getPageCount());
    const last = squash(pdfText(out.pdf, out.pages));
    const beforeLast = squash(pdfText(out.pdf, out.pages - 1));
    expect(beforeLast).toContain('ANNEXPAGEONE');
    expect(last).toContain('ANNEXPAGETWO');
    expect(last).toContain(`${out.pages}/${out.pages}`);
    expect(squash(pdfText(out.pdf, out.pages - 2))).toContain('Annex II Map of the area');
    // The copied pages keep their own size.
    expect(loaded.getPage(out.pages - 1).getSize()).toEqual({ width: 595.28, height: 841.89 });
  });

  it('refuses a PDF annex without a way to read attachments', async () => {
    const withPdf: DocumentFile = structuredClone(doc);
    const en = withPdf.versions.en;
    if (!en) throw new Error('fixture has no English version');
    en.annexes = [{ heading: 'Annex II', pdf: 'map.pdf' }];
    await expect(renderDocument(withPdf, 'en')).rejects.toThrow(/map\.pdf/);
  });

  it('refuses a language the document has no version in', async () => {
    const only: DocumentFile = { ...doc, versions: { fr: doc.versions.fr } };
    await expect(renderDocument(only, 'ru')).rejects.toThrow(/no ru version/);
  });

  it('footnotes an annex circulated in the language of submission only', async () => {
    const untranslated: DocumentFile = structuredClone(doc);
    const es = untranslated.versions.es;
    const en = doc.versions.en;
    if (!es || !en?.annexes[0]) throw new Error('fixture lacks the Spanish or English version');
    es.annexes = [{ ...en.annexes[0], languageOfSubmissionOnly: true, originalLanguage: 'en' }];
    const out = await renderDocument(untranslated, 'es');
    const annexPage = squash(pdfText(out.pdf, 2));
    const { strings } = await import('../functions/domain/strings.ts');
    expect(annexPage).toContain(squash(strings('es').languageOfSubmissionOnly));
    expect(annexPage).toContain(squash(en.annexes[0].title ?? ''));
  });

  it('names files after the symbols and the language', () => {
    expect(fileNameOf(doc, 'fr')).toBe('A-79-923-S-2025-341.fr.pdf');
    expect(fileNameOf({ symbols: ['A/80/434', 'S/2025/632'] }, 'zh')).toBe('A-80-434-S-2025-632.zh.pdf');
  });
});
