/**
 * Where a document lives, as every answer, feed, event and QR code spells it. A symbol holds
 * slashes, which stay path separators; each segment between them is percent-encoded.
 */
import type { Lang } from './languages.ts';

const symbolPath = (symbol: string) => symbol.split('/').map(encodeURIComponent).join('/');
const base = (publicUrl: string) => publicUrl.replace(/\/+$/, '');

/** The document's metadata, from the API root: `/v1/documents/A/79/923-S/2025/341`. */
export const documentPath = (symbol: string) => `/v1/documents/${symbolPath(symbol)}`;

/** One language version of a document, from the API root: `/v1/documents/A/79/923/versions/fr`. */
export const versionPath = (symbol: string, lang: Lang) => `${documentPath(symbol)}/versions/${lang}`;

/** The document's metadata, absolute. */
export const documentUrl = (publicUrl: string, symbol: string) => `${base(publicUrl)}${documentPath(symbol)}`;

/** The persistent URL of one language version (the QR code's target): `{publicUrl}/{lang}/{symbol}`. */
export const persistentUrl = (publicUrl: string, symbol: string, lang: Lang) =>
  `${base(publicUrl)}/${lang}/${symbolPath(symbol)}`;

/** The document's public web page in one UI language: `/en/documents/A/79/923-S/2025/341`. */
export const pagePath = (symbol: string, lang: Lang) => `/${lang}/documents/${symbolPath(symbol)}`;

/** The document's page in the officer console: `/en/console/documents/A/79/923`. */
export const consolePath = (symbol: string, lang: Lang) => `/${lang}/console/documents/${symbolPath(symbol)}`;
