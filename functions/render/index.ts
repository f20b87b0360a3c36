/** The document renderer: document file + language → PDF. */

export { fileNameOf } from './file-name.ts';
export { DEFAULT_PUBLIC_URL, type RenderedDocument, type RenderOptions, renderDocument } from './render.ts';
export { loadTemplate, type Paper, type Template } from './template.ts';
