/**
 * Page content streams compressed with Node's native zlib instead of pdf-lib's pure-JavaScript
 * pako, which it runs lazily at save time: same Flate format, a fraction of the time.
 */
import { deflateSync } from 'node:zlib';
import { PDFContentStream, type PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

export const compressContentStreams = (pdf: PDFDocument): void => {
  const { context } = pdf;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFContentStream)) continue;
    const dict = object.dict.clone(context);
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    context.assign(ref, PDFRawStream.of(dict, deflateSync(object.getUnencodedContents())));
  }
};
