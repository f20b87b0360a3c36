/**
 * The renderer as the render worker uses it: the pure `renderDocument` with the layout read from
 * `templatesDir()` — in the Lambda bundle that is `DISTR_TEMPLATES_DIR`, which the renderer's
 * default lookup (beside its own source file) would miss. Only the worker imports this, so the API
 * bundle carries no typesetting code.
 */
import { pathToFileURL } from 'node:url';
import type { Renderer } from '../domain/distribution.ts';
import { renderDocument } from '../render/index.ts';
import { type DocumentKind, readTemplate, type Template, templateSchema } from '../render/template.ts';
import { templatesDir } from '../typeset/templates-dir.ts';

const templates = new Map<DocumentKind, Template>();

function templateFor(kind: DocumentKind): Template {
  let template = templates.get(kind);
  if (!template) {
    template = templateSchema.parse(readTemplate(kind, pathToFileURL(`${templatesDir()}/`)));
    templates.set(kind, template);
  }
  return template;
}

export const createRenderer =
  (publicUrl: string): Renderer =>
  (document, lang, attachments) =>
    renderDocument(document, lang, { publicUrl, attachments, template: templateFor(document.kind) });
