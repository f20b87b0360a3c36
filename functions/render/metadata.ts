/**
 * Document information that makes the same input give the same bytes: dates from the document
 * instead of the clock, and a trailer /ID from a hash of what was rendered. The XMP packet says
 * the same as the Info dictionary, and the output intent and the window title PDF/A and PDF/UA ask
 * for come with it.
 */
import { createHash } from 'node:crypto';
import { PDFDict, type PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import type { DocumentFile, Version } from '../domain/document.ts';
import type { Lang } from '../domain/languages.ts';
import { xmlChars } from '../domain/xml-text.ts';
import { setOutputIntent } from './output-intent.ts';
import { textString } from './structure.ts';
import { type Conformance, setXmp } from './xmp.ts';

/** BCP 47 tags for the catalog's /Lang (Chinese versions are in simplified characters). */
export const LANGUAGE_TAG: Record<Lang, string> = {
  ar: 'ar',
  zh: 'zh-Hans',
  en: 'en',
  fr: 'fr',
  ru: 'ru',
  es: 'es',
};

export const setMetadata = (
  pdf: PDFDocument,
  doc: DocumentFile,
  version: Version,
  lang: Lang,
  contentHash: string,
  conformance: readonly Conformance[],
): void => {
  const day = doc.published ?? doc.issued;
  const date = new Date(`${day}T00:00:00Z`);
  const symbols = doc.symbols.join('-');
  // What XML cannot hold the XMP packet replaces (xml-text.ts); the Info dictionary must say the
  // same (PDF/A-2 6.6.3), so it gets the very same text.
  const title = xmlChars(version.title);
  // The window shows the title, not the file name (PDF/UA 7.1).
  pdf.setTitle(title, { showInWindowTitleBar: true });
  pdf.setSubject(symbols);
  pdf.setAuthor('United Nations');
  pdf.setProducer('Distr');
  pdf.setCreator('Distr');
  pdf.setLanguage(LANGUAGE_TAG[lang]);
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  // pdf-lib writes every text as UTF-16 hex; an ASCII one is a quarter of that as a literal.
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  const texts: [string, string][] = [
    ['Title', title],
    ['Subject', symbols],
    ['Author', 'United Nations'],
    ['Producer', 'Distr'],
    ['Creator', 'Distr'],
  ];
  for (const [key, value] of texts) info.set(PDFName.of(key), textString(value));
  setXmp(pdf, {
    title,
    lang: LANGUAGE_TAG[lang],
    description: symbols,
    creator: 'United Nations',
    identifier: symbols,
    producer: 'Distr',
    creatorTool: 'Distr',
    date: `${day}T00:00:00Z`,
    conformance,
  });
  setOutputIntent(pdf);
  // Both halves of the ID are the same: this is the file's first and only version.
  const id = PDFHexString.of(contentHash.slice(0, 32));
  pdf.context.trailerInfo.ID = pdf.context.obj([id, id]);
};

/** Hash of everything that decides the output: document, language, layout and attachments. */
export const contentHash = (parts: readonly (string | Uint8Array)[]): string => {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(typeof part === 'string' ? part : Buffer.from(part));
    hash.update('\0');
  }
  return hash.digest('hex');
};
