import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Directory of the document templates (fonts under `fonts/`). Lambda bundles copy templates next to
 * the handler, so `DISTR_TEMPLATES_DIR` overrides the repository location.
 */
export const templatesDir = (): string =>
  process.env.DISTR_TEMPLATES_DIR ?? fileURLToPath(new URL('../../templates/', import.meta.url));

export const fontsDir = (): string => join(templatesDir(), 'fonts');
