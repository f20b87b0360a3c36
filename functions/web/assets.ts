/**
 * The static files of the pages (the stylesheet, and the script of the submission form), served under a name that carries a hash of their
 * content: a new version is a new URL, so browsers may keep each one for a year without revalidating.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesDir } from '../templates-dir.ts';

export interface Asset {
  /** `site.3f2a9c1b0d4e.css` */
  name: string;
  contentType: string;
  body: string;
}

export interface Assets {
  stylesheet: Asset;
  /** The submission form's upload progress and live preview; the form works without it. */
  script: Asset;
  /** The stylesheets, at `/assets/{name}` (the script has a route of its own, for its own type). */
  byName: ReadonlyMap<string, Asset>;
}

/** Read once per cold start: the files are part of the deployment, not data. */
export function loadAssets(): Assets {
  const asset = (file: string, contentType: string): Asset => {
    const body = readFileSync(join(templatesDir(), 'web', file), 'utf8');
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const dot = file.lastIndexOf('.');
    return { name: `${file.slice(0, dot)}.${hash}${file.slice(dot)}`, contentType, body };
  };
  const stylesheet = asset('site.css', 'text/css; charset=utf-8');
  const script = asset('submit.js', 'text/javascript; charset=utf-8');
  return { stylesheet, script, byName: new Map([[stylesheet.name, stylesheet]]) };
}

export const assetPath = (asset: Asset) => `/assets/${asset.name}`;

export const scriptPath = (asset: Asset) => `/scripts/${asset.name}`;
