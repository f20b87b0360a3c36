/** Name of a rendered language version: `A-80-434-S-2025-632.fr.pdf`. */
import type { DocumentFile } from '../domain/document.ts';
import type { Lang } from '../domain/languages.ts';
import { symbolFileName } from '../domain/symbols.ts';

export const fileNameOf = (doc: Pick<DocumentFile, 'symbols'>, lang: Lang): string =>
  `${symbolFileName(doc.symbols)}.${lang}.pdf`;
