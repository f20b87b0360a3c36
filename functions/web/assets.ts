/**
 * The static files of the pages (the stylesheet), served under a name that carries a hash of their
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
  byName: ReadonlyMap<string, Asset>;
}

/** Read once per cold start: the files are part of the deployment, not data. */
export function loadAssets(): Assets {
  const body = readFileSync(join(templatesDir(), 'web', 'site.css'), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const stylesheet = { name: `site.${hash}.css`, contentType: 'text/css; charset=utf-8', body };
  return { stylesheet, byName: new Map([[stylesheet.name, stylesheet]]) };
}

export const assetPath = (asset: Asset) => `/assets/${asset.name}`;
