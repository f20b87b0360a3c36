/**
 * What the public sees of a distributed document: its metadata (stored with the search entries and
 * sent in the event) and, at read time, the links to it from the public URL.
 */

import type { DistributionRecord, StoredPdf } from './distribution.ts';
import type { AgendaItem, DocumentFile } from './document.ts';
import { documentUrl, persistentUrl } from './document-urls.ts';
import { LANGUAGES, type Lang } from './languages.ts';
import type { RegisteredDocument } from './registration.ts';

export interface OrganMetadata {
  organ: 'GA' | 'SC' | 'ECOSOC';
  session?: number;
  year?: number;
  agendaItems?: AgendaItem[];
}

export interface LanguageMetadata {
  lang: Lang;
  bytes: number;
  pages: number;
  sha256: string;
  /** Standards the PDF conforms to: `["PDF/A-2u", "PDF/UA-1"]`, or fewer (always set when distributed). */
  conformance?: string[];
}

/** What the public sees of a distributed document (links are added at read time, from the public URL). */
export interface DocumentMetadata {
  symbol: string;
  symbols: string[];
  kind: DocumentFile['kind'];
  jobNumber: string;
  distribution: DocumentFile['distribution'];
  originalLanguage: Lang;
  organs: OrganMetadata[];
  dates: { letter?: string; issued: string; distributed: string };
  distributedAt: string;
  title: Partial<Record<Lang, string>>;
  languages: LanguageMetadata[];
  /** True when fewer than six languages were issued, by the officer's explicit choice. */
  partial: boolean;
}

export function documentMetadata(
  document: RegisteredDocument,
  record: DistributionRecord,
  pdfs: readonly StoredPdf[],
  distributedAt: string,
): DocumentMetadata {
  const issuedLanguages = LANGUAGES.filter((lang) => record.languages.includes(lang));
  const title: Partial<Record<Lang, string>> = {};
  for (const lang of issuedLanguages) {
    const version = document.versions[lang];
    if (version) title[lang] = version.title;
  }
  return {
    symbol: document.symbol,
    symbols: document.symbols,
    kind: document.kind,
    jobNumber: document.jobNumber,
    distribution: document.distribution,
    originalLanguage: document.originalLanguage,
    organs: document.circulation.map((entry) =>
      entry.organ === 'GA'
        ? { organ: 'GA', session: entry.session, agendaItems: entry.agendaItems }
        : { organ: entry.organ, year: entry.year },
    ),
    dates: {
      ...(record.letterDate ? { letter: record.letterDate } : {}),
      issued: document.issued,
      distributed: distributedAt.slice(0, 10),
    },
    distributedAt,
    title,
    languages: issuedLanguages.flatMap((lang) => {
      const pdf = pdfs.find((p) => p.lang === lang);
      return pdf
        ? [
            {
              lang,
              bytes: pdf.bytes,
              pages: pdf.pages,
              sha256: pdf.sha256,
              conformance: pdf.conformance ?? [],
            },
          ]
        : [];
    }),
    partial: record.partial,
  };
}

/** The metadata with the links a client follows: the metadata itself and each language's PDF. */
export const withLinks = (metadata: DocumentMetadata, publicUrl: string) => {
  const pdfUrl = (lang: Lang) => persistentUrl(publicUrl, metadata.symbols[0] ?? '', lang);
  return {
    ...metadata,
    languages: metadata.languages.map((l) => ({ ...l, url: pdfUrl(l.lang) })),
    links: {
      self: documentUrl(publicUrl, metadata.symbol),
      pdf: Object.fromEntries(metadata.languages.map((l) => [l.lang, pdfUrl(l.lang)])),
    },
  };
};
