import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontsDir } from '../functions/templates-dir.ts';
import { FONT_FILES } from '../functions/typeset/fonts.ts';

interface ManifestEntry {
  file: string;
  family: string;
  style: string;
  source: { debianPackage: string; version: string };
  licence: string;
  licenceFile: string;
  sha256: string;
}

const dir = fontsDir();
const manifest: { fonts: ManifestEntry[] } = JSON.parse(readFileSync(join(dir, 'fonts.json'), 'utf8'));

describe('pinned fonts', () => {
  it.each(manifest.fonts.map((f) => [f.file, f] as const))(
    '%s matches its SHA-256 in fonts.json',
    (_file, entry) => {
      const digest = createHash('sha256')
        .update(readFileSync(join(dir, entry.file)))
        .digest('hex');
      expect(digest).toBe(entry.sha256);
    },
  );

  it('lists every font file in the directory, each with an open licence text and an exact source version', () => {
    const files = readdirSync(dir).filter((f) => /\.(ttf|otf|ttc)$/.test(f));
    expect(manifest.fonts.map((f) => f.file).sort()).toEqual(files.sort());
    for (const entry of manifest.fonts) {
      expect(entry.licence).toBe('OFL-1.1');
      expect(existsSync(join(dir, entry.licenceFile))).toBe(true);
      expect(readFileSync(join(dir, entry.licenceFile), 'utf8')).toMatch(/SIL Open Font License|OFL/);
      expect(entry.source.version).toMatch(/^\S*\d\S*$/);
    }
  });

  it('pins every font the engine loads', () => {
    const pinned = new Set(manifest.fonts.map((f) => f.file));
    for (const file of Object.values(FONT_FILES)) expect(pinned).toContain(file);
  });
});
