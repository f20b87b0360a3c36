/**
 * Annexes supplied as PDF files: their pages are copied after the annex's heading page and then
 * stamped with the running header and footer like every other page. The copied content is
 * wrapped in q … Q first, so whatever graphics state it leaves behind cannot shift the stamps.
 */
import { PDFDocument, type PDFPage, popGraphicsState, pushGraphicsState } from 'pdf-lib';

export const appendPdf = async (pdf: PDFDocument, bytes: Uint8Array, key: string): Promise<PDFPage[]> => {
  let source: PDFDocument;
  try {
    source = await PDFDocument.load(bytes, { updateMetadata: false });
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
