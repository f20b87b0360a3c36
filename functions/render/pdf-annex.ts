/**
 * Annexes supplied as PDF files: their pages are copied after the annex's heading page and then
 * stamped with the running header and footer like every other page. The copied content is
 * wrapped in q … Q first, so whatever graphics state it leaves behind cannot shift the stamps.
 *
 * Their text is not Distr's to tag: each copied page becomes one `Figure` of the structure tree,
 * whose alternative text names the annex, so that a reader is told the pages are there, and the
 * file no longer claims PDF/UA. It keeps its PDF/A claim only if every annex claims PDF/A-2 (level
 * u or a) itself, with no output intent or an RGB one like Distr's: Distr does not re-check fonts
 * and colours it did not draw.
 *
 * Intake accepts only annexes within the ceiling (domain/pdf-check.ts); the page tree is measured
 * again here before pdf-lib walks it, so an annex that got past intake some other way is refused
 * at once instead of stalling the render.
 */
import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFPage,
  PDFRawStream,
  PDFStream,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';
import { countPages, MAX_ANNEX_BYTES } from '../domain/pdf-check.ts';
import type { StructElement, Structure } from './structure.ts';

export interface AnnexPdf {
  key: string;
  doc: PDFDocument;
  /** It claims PDF/A-2u or -2a, in RGB or without device colours. */
  archival: boolean;
}

/** The text of a stream, inflated if it is Flate-compressed. */
const streamText = (stream: PDFStream): string => {
  if (!(stream instanceof PDFRawStream)) return '';
  const filter = stream.dict.get(PDFName.of('Filter'));
  const bytes = filter?.toString() === '/FlateDecode' ? inflateSync(stream.contents) : stream.contents;
  return Buffer.from(bytes).toString('utf8');
};

const claimsPdfA2u = (doc: PDFDocument): boolean => {
  const metadata = doc.catalog.lookupMaybe(PDFName.of('Metadata'), PDFStream);
  if (!metadata) return false;
  const xmp = streamText(metadata);
  const part = /pdfaid:part(?:>|=["'])\s*2\b/.test(xmp);
  const level = /pdfaid:conformance(?:>|=["'])\s*[UuAa]\b/.test(xmp);
  if (!part || !level) return false;
  const intents = doc.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  if (!intents) return true;
  return intents.asArray().every((entry) => {
    const intent = doc.context.lookup(entry);
    if (!(intent instanceof PDFDict)) return false;
    const profile = intent.lookupMaybe(PDFName.of('DestOutputProfile'), PDFStream);
    return profile?.dict.get(PDFName.of('N'))?.toString() === '3';
  });
};

export const loadAnnex = async (bytes: Uint8Array, key: string): Promise<AnnexPdf> => {
  if (bytes.byteLength > MAX_ANNEX_BYTES) {
    throw new Error(`Annex "${key}" is ${bytes.byteLength} bytes; an annex is at most ${MAX_ANNEX_BYTES}.`);
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
    countPages(doc);
  } catch (error) {
    throw new Error(`Annex "${key}" is not a readable PDF: ${(error as Error).message}`);
  }
  return { key, doc, archival: claimsPdfA2u(doc) };
};

/** Appends the annex's pages; `figure(i, n)` makes the element page `i` of `n` is drawn as. */
export const appendPdf = async (
  pdf: PDFDocument,
  annex: AnnexPdf,
  tags: Structure,
  figure: (index: number, count: number) => StructElement,
): Promise<PDFPage[]> => {
  const copied = await pdf.copyPages(annex.doc, annex.doc.getPageIndices());
  copied.forEach((page, index) => {
    pdf.addPage(page);
    page.node.normalize();
    // The source's own structure is not copied: its page keys would point into nothing.
    page.node.delete(PDFName.of('StructParents'));
    const element = figure(index, copied.length);
    const start = pdf.context.register(
      pdf.context.contentStream([tags.begin(page, element), pushGraphicsState()]),
    );
    const end = pdf.context.register(pdf.context.contentStream([popGraphicsState(), tags.end()]));
    page.node.wrapContentStreams(start, end);
  });
  return copied;
};
