import { describe, expect, it } from 'vitest';
import { documentPath, documentUrl, persistentUrl, versionPath } from '../functions/domain/document-urls.ts';

describe('document URLs', () => {
  it('keep the slashes of a symbol and percent-encode each segment', () => {
    expect(documentPath('A/79/923-S/2025/341')).toBe('/v1/documents/A/79/923-S/2025/341');
    expect(documentPath('S/RES/2803 (2025)')).toBe('/v1/documents/S/RES/2803%20(2025)');
    expect(versionPath('A/C.1/79/L.1/Add.1*', 'fr')).toBe('/v1/documents/A/C.1/79/L.1/Add.1*/versions/fr');
  });

  it('hang absolute ones off the public URL, with or without its trailing slash', () => {
    expect(documentUrl('https://distr.example/', 'A/79/923')).toBe(
      'https://distr.example/v1/documents/A/79/923',
    );
    expect(persistentUrl('https://distr.example', 'A/79/923', 'ar')).toBe(
      'https://distr.example/ar/A/79/923',
    );
    expect(persistentUrl('https://distr.example//', 'S/RES/2803 (2025)', 'en')).toBe(
      'https://distr.example/en/S/RES/2803%20(2025)',
    );
  });
});
