/**
 * Copies the project's fonts from Debian packages into templates/fonts/, cuts the Simplified
 * Chinese face out of the Noto Serif CJK collection and coarsens its outlines, and writes the
 * manifest fonts.json with each file's provenance and SHA-256, then the coverage.json of the
 * characters they can set (font-coverage.ts). Run it only to change a pinned font:
 *
 *   apt-get install fonts-liberation2 fonts-hosny-amiri fonts-noto-cjk python3-fonttools
 *   npx node functions/typeset/tools/pin-fonts.ts
 *
 * The CJK collection shares one CFF table between its JP/KR/SC/TC/HK faces, so the SC face alone
 * is still 24 MB; fontTools' subsetter (hb-subset's WASM build has a fixed 65 MB heap, too small
 * for this) keeps the code points listed in CJK_UNICODES with their layout closure and original
 * glyph ids, so CIDs stay equal to glyph ids. coarsen-cff.py then redraws its outlines on a grid of
 * 250 units per em instead of 1,000: no point moves by more than 0.002 em (0.02 pt in 10.5-point
 * text, nothing a printer or a zoomed screen shows), and the outline numbers fit one byte instead of
 * two, so the Chinese subsets are about 30 % smaller. (It takes several minutes.)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../../../templates/fonts/', import.meta.url));
const TOOLS = fileURLToPath(new URL('.', import.meta.url));

/** Basic Latin to CJK symbols, the CJK Unified Ideographs block, compatibility and fullwidth forms. */
const CJK_UNICODES = 'U+0000-33FF,U+4E00-9FFF,U+F900-FFFF';
/** Units per em of the coarsened Chinese outlines. */
const CJK_UPEM = 250;
const PYTHON = '/usr/bin/python3';

interface Pin {
  file: string;
  family: string;
  style: 'Regular' | 'Bold' | 'Italic' | 'Bold Italic';
  debianPackage: string;
  sourcePath: string;
  faceIndex?: number;
  licence: string;
  licenceFile: string;
}

/** A font family as its Debian package installs it: a face's file, source and pin follow from its name. */
interface Family {
  family: string;
  debianPackage: string;
  /** The file under templates/fonts/ of the face `name` (Regular, Bold, …). */
  file: (name: string) => string;
  /** Where the package installs the face `name`. */
  source: (name: string) => string;
  /** The face within a collection file, which pinning cuts out. */
  faceIndex?: number;
}

const LIBERATION: Family = {
  family: 'Liberation Serif',
  debianPackage: 'fonts-liberation2',
  file: (name) => `LiberationSerif-${name}.ttf`,
  source: (name) => `/usr/share/fonts/truetype/liberation2/LiberationSerif-${name}.ttf`,
};
const AMIRI: Family = {
  family: 'Amiri',
  debianPackage: 'fonts-hosny-amiri',
  file: (name) => `Amiri-${name}.ttf`,
  source: (name) => `/usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-${name}.ttf`,
};
const NOTO_SERIF_SC: Family = {
  family: 'Noto Serif CJK SC',
  debianPackage: 'fonts-noto-cjk',
  file: (name) => `NotoSerifCJKsc-${name}.otf`,
  source: (name) => `/usr/share/fonts/opentype/noto/NotoSerifCJK-${name}.ttc`,
  faceIndex: 2,
};

/** Every pinned family is under the OFL, with its package's copyright file beside the fonts. */
const pin = (f: Family, style: Pin['style'], name: string): Pin => ({
  file: f.file(name),
  family: f.family,
  style,
  debianPackage: f.debianPackage,
  sourcePath: f.source(name),
  ...(f.faceIndex !== undefined ? { faceIndex: f.faceIndex } : {}),
  licence: 'OFL-1.1',
  licenceFile: `licenses/${f.debianPackage}.copyright`,
});

const PINS: Pin[] = [
  pin(LIBERATION, 'Regular', 'Regular'),
  pin(LIBERATION, 'Bold', 'Bold'),
  pin(LIBERATION, 'Italic', 'Italic'),
  pin(LIBERATION, 'Bold Italic', 'BoldItalic'),
  pin(AMIRI, 'Regular', 'Regular'),
  pin(AMIRI, 'Bold', 'Bold'),
  // No Bold: Chinese bold is drawn from the Regular outlines (see functions/typeset/fonts.ts).
  pin(NOTO_SERIF_SC, 'Regular', 'Regular'),
];

const debianVersion = (pkg: string): string =>
  // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's own format syntax, not a template
  execFileSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' }).trim();

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

const only = process.argv.slice(2);
const manifestPath = join(OUT, 'fonts.json');
const previous: { fonts: Record<string, unknown>[] } = (() => {
  try {
    return JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch {
    return { fonts: [] };
  }
})();

const entries = PINS.map((pin) => {
  const target = join(OUT, pin.file);
  const old = previous.fonts.find((f) => f.file === pin.file);
  if (only.length > 0 && !only.includes(pin.file) && old) return old;
  let derivation: string | undefined;
  if (pin.faceIndex === undefined) {
    copyFileSync(pin.sourcePath, target);
  } else {
    const fontTools = execFileSync(PYTHON, ['-c', 'import fontTools;print(fontTools.version)'], {
      encoding: 'utf8',
    }).trim();
    derivation = `face ${pin.faceIndex} of the collection, code points ${CJK_UNICODES}, all layout features, original glyph ids, outlines redrawn at ${CJK_UPEM} units per em without hints (fontTools ${fontTools}, functions/typeset/tools/coarsen-cff.py)`;
    const cut = `${target}.cut.otf`;
    execFileSync(
      PYTHON,
      [
        '-m',
        'fontTools.subset',
        pin.sourcePath,
        `--font-number=${pin.faceIndex}`,
        `--unicodes=${CJK_UNICODES}`,
        '--layout-features=*',
        '--retain-gids',
        '--name-IDs=*',
        '--name-languages=*',
        '--notdef-outline',
        `--output-file=${cut}`,
      ],
      { stdio: 'inherit' },
    );
    execFileSync(PYTHON, [join(TOOLS, 'coarsen-cff.py'), cut, target, String(CJK_UPEM)], {
      stdio: 'inherit',
    });
    rmSync(cut);
  }
  console.log('pinned', pin.file);
  return {
    file: pin.file,
    family: pin.family,
    style: pin.style,
    source: {
      debianPackage: pin.debianPackage,
      version: debianVersion(pin.debianPackage),
      path: pin.sourcePath,
      ...(derivation ? { derivation } : {}),
    },
    licence: pin.licence,
    licenceFile: pin.licenceFile,
    sha256: sha256(target),
  };
});

for (const pkg of new Set(PINS.map((p) => p.debianPackage))) {
  copyFileSync(`/usr/share/doc/${pkg}/copyright`, join(OUT, 'licenses', `${pkg}.copyright`));
}
writeFileSync(manifestPath, `${JSON.stringify({ fonts: entries }, null, 2)}\n`);
// The characters the service accepts follow the fonts (templates/fonts/coverage.json).
execFileSync(process.execPath, [join(TOOLS, 'font-coverage.ts')], { stdio: 'inherit' });
