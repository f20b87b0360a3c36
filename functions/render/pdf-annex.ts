/**
 * Annexes supplied as PDF files: their pages are copied after the annex's heading page and then
 * stamped with the running header and footer like every other page. The copied content is
 * wrapped in q … Q first, so whatever graphics state it leaves behind cannot shift the stamps.
 *
 * Intake accepts only annexes within the ceiling (domain/pdf-check.ts); the page tree is measured
 * again here before pdf-lib walks it, so an annex that got past intake some other way is refused
 * at once instead of stalling the render.
 */
import { PDFDocument, type PDFPage, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import { countPages, MAX_ANNEX_BYTES } from '../domain/pdf-check.ts';

export const appendPdf = async (pdf: PDFDocument, bytes: Uint8Array, key: string): Promise<PDFPage[]> => {
  if (bytes.byteLength > MAX_ANNEX_BYTES) {
    throw new Error(`Annex "${key}" is ${bytes.byteLength} bytes; an annex is at most ${MAX_ANNEX_BYTES}.`);
  }
  let source: PDFDocument;
  try {
    source = await PDFDocument.load(bytes, { updateMetadata: false });
    countPages(source);
  } catch (error) {
    throw new Error(`Annex "${key}" is not a readable PDF: ${(error as Error).message}`);
  }
  const copied = await pdf.copyPages(source, source.getPageIndices());
  for (const page of copied) {
    pdf.addPage(page);
    page.node.normalize();
    const start = pdf.context.register(pdf.context.contentStream([pushGraphicsState()]));
    const end = pdf.context.register(pdf.context.contentStream([popGraphicsState()]));
    page.node.wrapContentStreams(start, end);
  }
  return copied;
};
