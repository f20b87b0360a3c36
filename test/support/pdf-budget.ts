/**
 * The size budget of tagging and archival metadata: each language's PDF of the design sample may
 * be at most 10 % larger than it was before the PDFs were tagged. The untagged sizes are those of
 * `distr render test/fixtures/A-79-923-S-2025-341.json` at commit ea0c6c3, the parent of the commit
 * that brought the structure tree. `npm run bench` reports against them and test/pdf-ua.test.ts
 * holds each file to the budget.
 */
import type { Lang } from '../../functions/domain/languages.ts';

export const UNTAGGED_BYTES: Record<Lang, number> = {
  ar: 73_656,
  zh: 95_775,
  en: 30_516,
  fr: 33_032,
  ru: 38_714,
  es: 32_042,
};

/** At most this fraction over the untagged size. */
export const MAX_GROWTH = 0.1;

/** How much larger `bytes` is than the untagged file of `lang`, as a fraction. */
export const growth = (lang: Lang, bytes: number): number => bytes / UNTAGGED_BYTES[lang] - 1;
