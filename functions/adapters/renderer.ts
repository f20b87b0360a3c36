/**
 * The renderer as the render worker uses it, and the web function for the previews (the officer's
 * and a mission's draft). Only those two import this module, so the API bundle carries no typesetting code; layouts, strings and fonts come from `templatesDir()`, which the
 * Lambda bundle points at its copy of `templates/` with `DISTR_TEMPLATES_DIR`.
 */
import type { Renderer } from '../domain/distributor.ts';
import { renderDocument } from '../render/index.ts';

export const createRenderer =
  (publicUrl: string): Renderer =>
  (document, lang, attachments) =>
    renderDocument(document, lang, { publicUrl, attachments });
