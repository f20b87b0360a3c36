/**
 * Opening a `.docx` safely: what the file is (a ZIP package holding a Word document, not an
 * encrypted or old-format file, not one with macros), within the ZIP limits, read before any
 * converter sees it. Entry count and sizes are checked on the central directory first and on the
 * inflated bytes after, so a lying header cannot smuggle a bomb past them.
 */
import { unzipSync } from 'fflate';

/** A `.docx` sent inline is at most this size (the base64 text is a third more). */
export const MAX_DOCX_BYTES = 2 * 1024 * 1024;
/** A letter's package has a few dozen parts; thousands are a crafted file. */
export const MAX_DOCX_ENTRIES = 500;
/** All XML parts together, inflated. */
export const MAX_DOCX_XML_BYTES = 16 * 1024 * 1024;
/** Any part larger than this inflated from over this many times its stored size is a bomb. */
export const MAX_DOCX_RATIO = 200;
const RATIO_FLOOR_BYTES = 1024 * 1024;

/** A refusal of the file as a whole, or of a construct in it, worded for the sender. */
export class DocxRefusal extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'DocxRefusal';
    this.problems = problems;
  }
}

const refuse = (message: string): never => {
  throw new DocxRefusal([message]);
};

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);

const MAIN_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml',
]);
const MACRO_TYPE = /macroEnabled|vbaProject|vbaData|activeX/i;

/** The text parts of a package, by name, as strings; binary parts are listed but not inflated. */
export interface DocxPackage {
  parts: ReadonlyMap<string, string>;
  names: readonly string[];
}

const wanted = (name: string) => /\.(xml|rels)$/i.test(name);

/** Opens and checks the package; throws DocxRefusal naming what is wrong. */
export function openDocx(bytes: Uint8Array): DocxPackage {
  if (bytes.byteLength > MAX_DOCX_BYTES)
    refuse(`the file is ${bytes.byteLength} bytes; at most ${MAX_DOCX_BYTES}`);
  if (startsWith(bytes, OLE_MAGIC)) {
    refuse(
      'this file is encrypted (password-protected) or an old Word 97–2003 .doc: remove the password and save it as .docx',
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) refuse('this is not a .docx file (a .docx is a ZIP package)');

  const names: string[] = [];
  let declared = 0;
  let raw: Record<string, Uint8Array>;
  try {
    raw = unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        if (names.length > MAX_DOCX_ENTRIES) refuse(`the package has over ${MAX_DOCX_ENTRIES} parts`);
        if (!wanted(file.name)) return false;
        declared += file.originalSize;
        if (declared > MAX_DOCX_XML_BYTES)
          refuse(`the text parts inflate to over ${MAX_DOCX_XML_BYTES} bytes`);
        if (file.originalSize > RATIO_FLOOR_BYTES && file.originalSize > file.size * MAX_DOCX_RATIO) {
          refuse(`the part ${file.name} inflates over ${MAX_DOCX_RATIO} times its size: a ZIP bomb`);
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof DocxRefusal) throw error;
    return refuse('the ZIP package is damaged and cannot be read: save the file again as .docx');
  }
  const parts = new Map<string, string>();
  let inflated = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const [name, data] of Object.entries(raw)) {
    inflated += data.byteLength;
    if (inflated > MAX_DOCX_XML_BYTES) refuse(`the text parts inflate to over ${MAX_DOCX_XML_BYTES} bytes`);
    try {
      parts.set(name, decoder.decode(data));
    } catch {
      refuse(`the part ${name} is not UTF-8 text: save the file again as .docx`);
    }
  }

  if (names.some((name) => /vbaProject\.bin$|vbaData\.xml$/i.test(name))) {
    refuse('the file holds macros (a .docm): save it as a plain .docx, without macros');
  }
  const types = parts.get('[Content_Types].xml');
  if (types === undefined) refuse('this ZIP file is not a Word document (it has no [Content_Types].xml)');
  const main = /<Override\b[^>]*PartName="\/word\/document\.xml"[^>]*>/i.exec(types ?? '')?.[0] ?? '';
  const mainType = /ContentType="([^"]*)"/.exec(main)?.[1] ?? '';
  if (MACRO_TYPE.test(types ?? '')) {
    refuse('the file holds macros (a .docm): save it as a plain .docx, without macros');
  }
  if (!MAIN_TYPES.has(mainType) || !parts.has('word/document.xml')) {
    refuse('this ZIP file is not a Word document (.docx): it has no word/document.xml of that type');
  }
  if (names.some((name) => /^word\/embeddings\//i.test(name))) {
    refuse('the file embeds other files or objects: send them as PDF annexes');
  }
  for (const [name, text] of parts) {
    // No part of a Word file declares a DTD; one that does is after entity expansion or fetching.
    if (/<!DOCTYPE|<!ENTITY/i.test(text))
      refuse(`the part ${name} declares a DTD or entities, which Distr refuses`);
  }
  return { parts, names };
}
