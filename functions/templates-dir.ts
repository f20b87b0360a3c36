import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { templatesDirSetting } from './config.ts';

const REPOSITORY_TEMPLATES = fileURLToPath(new URL('../templates/', import.meta.url));

/**
 * Directory of the templates: layouts (`letter.json` …), per-language strings (`strings/`) and fonts
 * (`fonts/`). The repository's, where the local server, the CLI and the tests run; a Lambda bundle
 * copies it next to its handler and names that copy in its configuration (config.ts).
 */
export const templatesDir = (): string => templatesDirSetting() ?? REPOSITORY_TEMPLATES;

export const fontsDir = (): string => join(templatesDir(), 'fonts');
