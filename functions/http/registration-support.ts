/** What the registration routes share: the answer for a registered document. */
import { documentPath } from '../domain/document-urls.ts';
import type { Registered } from '../domain/registrar.ts';
import { type HttpResult, json } from './http-api.ts';

/** 201 with Location for a new document, 200 for one that existed (a retry). */
export const registeredResponse = ({ document, created }: Registered): HttpResult =>
  json(created ? 201 : 200, document, created ? { location: documentPath(document.symbol) } : {});
