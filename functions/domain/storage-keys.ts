/**
 * Where a distributed language version lives in the documents bucket:
 *
 *   documents/{stem}/{stem}.{lang}.pdf      e.g. documents/A-79-923-S-2025-341/A-79-923-S-2025-341.fr.pdf
 *
 * `{stem}` is `symbolFileName(symbols)` (slashes → hyphens, GA symbol first, a reissue's `*`s → `_rN`),
 * so the key follows from the document alone: a retried render writes the same key, and a reissue
 * or follow-up (another symbol) can never overwrite it. Submission attachments live under their own
 * prefix (the attachment store), so the two never collide.
 */
import type { Lang } from './languages.ts';
import { symbolFileName } from './symbols.ts';

export const DOCUMENTS_PREFIX = 'documents/';

export const pdfKey = (symbols: readonly string[], lang: Lang): string => {
  const stem = symbolFileName(symbols);
  return `${DOCUMENTS_PREFIX}${stem}/${stem}.${lang}.pdf`;
};

/** The file name browsers save a PDF under (`A-79-923-S-2025-341.fr.pdf`). */
export const pdfFileName = (symbols: readonly string[], lang: Lang): string =>
  `${symbolFileName(symbols)}.${lang}.pdf`;
