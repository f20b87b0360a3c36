/**
 * The PDF/A output intent: the pinned sRGB ICC profile (templates/color/, see its README) that
 * gives the page colours their meaning. Read and compressed once per process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { type PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { templatesDir } from '../templates-dir.ts';

export const SRGB_PROFILE = 'color/sRGB-v2-magic.icc';

const compressed = new Map<string, Uint8Array>();

export const setOutputIntent = (pdf: PDFDocument): void => {
  const path = join(templatesDir(), SRGB_PROFILE);
  let bytes = compressed.get(path);
  if (!bytes) {
    bytes = deflateSync(readFileSync(path));
    compressed.set(path, bytes);
  }
  const { context } = pdf;
  const profile = context.stream(bytes, { N: 3, Filter: 'FlateDecode' });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: context.register(profile),
  });
  pdf.catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));
};
