/** Checks that bytes are a PDF Distr can place as an annex: parses, is not encrypted, has pages. */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';

export type PdfCheck =
  | { ok: true; pages: number; bytes: number; sha256: string }
  | { ok: false; error: string; bytes: number; sha256: string };

export async function checkPdf(data: Uint8Array): Promise<PdfCheck> {
  const bytes = data.byteLength;
  const sha256 = createHash('sha256').update(data).digest('hex');
  const fail = (error: string): PdfCheck => ({ ok: false, error, bytes, sha256 });
  if (Buffer.from(data.subarray(0, 5)).toString('latin1') !== '%PDF-') return fail('this is not a PDF file');
  let doc: PDFDocument;
  try {
    // ignoreEncryption: load it anyway so an encrypted file is named as such rather than as broken.
    doc = await PDFDocument.load(data, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
  } catch (error) {
    return fail(`the PDF cannot be parsed: ${(error as Error).message}`);
  }
  if (doc.isEncrypted) return fail('the PDF is encrypted; send it without a password or restrictions');
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch (error) {
    return fail(`the PDF's page tree cannot be read: ${(error as Error).message}`);
  }
  if (pages === 0) return fail('the PDF has no pages');
  return { ok: true, pages, bytes, sha256 };
}
