/** What the route table needs to know of the web pages (kept apart so routes.ts imports no page code). */

/** The content type of every page the web function answers, its error pages included. */
export const HTML = 'text/html; charset=utf-8';

/** The search form's fields, named as the API's search parameters (domain/search.ts). */
export const WEB_SEARCH_FIELDS = [
  'symbol',
  'job',
  'q',
  'lang',
  'organ',
  'session',
  'year',
  'agendaItem',
  'from',
  'to',
  'sort',
] as const;
export type WebSearchField = (typeof WEB_SEARCH_FIELDS)[number];
