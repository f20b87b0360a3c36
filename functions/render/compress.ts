/**
 * The document's bytes, written compactly. Page content streams are compressed with Node's native
 * zlib at its best level instead of pdf-lib's pure-JavaScript pako, which it runs lazily at save
 * time: same Flate format, a fraction of the time, and smaller. The objects that are not streams
 * go into object streams of up to 1,000 instead of pdf-lib's 50: the structure elements, ParentTree
 * and page dictionaries of a tagged document are many small, alike objects that compress best
 * together.
 */
import { deflateSync } from 'node:zlib';
import { PDFContentStream, type PDFDocument, PDFName, PDFRawStream, PDFStreamWriter } from 'pdf-lib';

export const compressContentStreams = (pdf: PDFDocument): void => {
  const { context } = pdf;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFContentStream)) continue;
    const dict = object.dict.clone(context);
    dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
    context.assign(ref, PDFRawStream.of(dict, deflateSync(object.getUnencodedContents(), { level: 9 })));
  }
};

/**
 * Far more objects than a document Distr sets itself has (the design sample: 70–74), so they share
 * one object stream; a long PDF annex still gets streams a reader can open one at a time.
 */
const OBJECTS_PER_STREAM = 1_000;

/** `pdf.save()` with larger object streams (the document has no form whose appearances to update). */
export const savePdf = async (pdf: PDFDocument): Promise<Uint8Array> => {
  await pdf.flush();
  return PDFStreamWriter.forContext(pdf.context, 50, true, OBJECTS_PER_STREAM).serializeToBuffer();
};
