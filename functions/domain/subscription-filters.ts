/**
 * What a subscriber wants to hear about. Every filter is optional; all given filters must match,
 * and within one filter any of its values may (`organs: ["GA", "SC"]` is GA or SC). No filter at
 * all means every distributed document.
 */
import { z } from 'zod';
import { AGENDA_ITEM_RE } from './agenda.ts';
import { type DistributedDocument, ORGANS } from './document-event.ts';
import { LANGUAGES } from './languages.ts';
import { linePolicy } from './text-policy.ts';

const list = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, { error: 'give at least one value, or leave the filter out' }).max(50);

export const subscriptionFiltersSchema = z.strictObject({
  organs: list(z.enum(ORGANS, { error: `an organ is one of ${ORGANS.join(', ')}` })).optional(),
  sessions: list(z.int({ error: 'a session is a whole number' }).min(1).max(150)).optional(),
  years: list(z.int({ error: 'a year is a whole number' }).min(1946).max(2095)).optional(),
  agendaItems: list(
    z.string().regex(AGENDA_ITEM_RE, { error: 'an agenda item is written as in "51" or "17 (c)"' }),
  ).optional(),
  symbolPrefix: z
    .string()
    .min(1)
    .max(100)
    .regex(/^\S+$/, { error: 'a symbol prefix has no spaces' })
    .superRefine(linePolicy)
    .optional(),
  languages: list(z.enum(LANGUAGES, { error: `a language is one of ${LANGUAGES.join(', ')}` })).optional(),
});

export type SubscriptionFilters = z.infer<typeof subscriptionFiltersSchema>;

/** `17` also selects its sub-items (`17 (c)`); `17 (c)` selects only itself. */
const agendaItemMatches = (wanted: string, item: string) => item === wanted || item.startsWith(`${wanted} (`);

export function matchesFilters(filters: SubscriptionFilters, document: DistributedDocument): boolean {
  const { organs, sessions, years, agendaItems, symbolPrefix, languages } = filters;
  if (organs && !organs.some((o) => document.organs.includes(o))) return false;
  if (sessions && (document.session === undefined || !sessions.includes(document.session))) return false;
  if (years && (document.year === undefined || !years.includes(document.year))) return false;
  if (agendaItems && !agendaItems.some((w) => document.agendaItems.some((i) => agendaItemMatches(w, i))))
    return false;
  if (symbolPrefix && !document.symbols.some((s) => s.startsWith(symbolPrefix))) return false;
  if (languages && !languages.some((l) => document.languages.includes(l))) return false;
  return true;
}

/**
 * The same filters as an SNS filter policy on the event's message attributes, for subscribers who
 * take the topic directly (email, SQS). SNS caps a policy at five keys, so a filter using all six
 * has no single equivalent; agenda items there match exactly (no sub-item widening).
 */
export function snsFilterPolicy(filters: SubscriptionFilters): Record<string, unknown[]> {
  const policy: Record<string, unknown[]> = {};
  if (filters.organs) policy.organs = [...filters.organs];
  if (filters.sessions) policy.session = [...filters.sessions];
  if (filters.years) policy.year = [...filters.years];
  if (filters.agendaItems) policy.agendaItems = [...filters.agendaItems];
  if (filters.symbolPrefix) policy.symbols = [{ prefix: filters.symbolPrefix }];
  if (filters.languages) policy.languages = [...filters.languages];
  if (Object.keys(policy).length > 5) {
    throw new Error('An SNS filter policy has at most five keys; drop one of the six filters.');
  }
  return policy;
}
