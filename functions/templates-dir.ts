import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Directory of the templates: layouts (`letter.json` …), per-language strings (`strings/`) and fonts
 * (`fonts/`). Lambda bundles copy it next to the handler, so `DISTR_TEMPLATES_DIR` overrides the
 * repository location; read at each call, so tests can point it elsewhere.
 */
export const templatesDir = (): string =>
  process.env.DISTR_TEMPLATES_DIR ?? fileURLToPath(new URL('../templates/', import.meta.url));

export const fontsDir = (): string => join(templatesDir(), 'fonts');
