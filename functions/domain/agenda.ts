/**
 * The agenda of a General Assembly session, as `PUT /v1/agendas/GA/{session}` stores it: item
 * numbers with their titles in the six languages, which the masthead prints under "Agenda item 51".
 */
import { z } from 'zod';
import type { AgendaItem } from './document.ts';
import { lineText } from './text-policy.ts';
import { typesettable } from './typesettable.ts';

/** An item number as printed: `51`, `17 (c)`. */
export const AGENDA_ITEM_RE = /^[1-9]\d{0,2}( \([a-z]\))?$/;

export const agendaItemNumberSchema = z.string().regex(AGENDA_ITEM_RE, {
  error: 'an agenda item is a number with an optional sub-item, as in "51" or "17 (c)"',
});

const title = lineText({ max: 1_000 }).regex(/\S/, { error: 'the title is empty' }).superRefine(typesettable);

export const agendaSchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        item: agendaItemNumberSchema,
        // All six: every language version's masthead prints the title.
        title: z.strictObject({ en: title, fr: title, es: title, ru: title, zh: title, ar: title }),
      }),
    )
    .min(1, { error: 'an agenda has at least one item' })
    .max(1_000)
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach(({ item }, index) => {
        if (seen.has(item))
          ctx.addIssue({ code: 'custom', path: [index, 'item'], message: `item ${item} appears twice` });
        seen.add(item);
      });
    }),
});

export type Agenda = z.infer<typeof agendaSchema>;

export type AgendaLookup = { ok: true; value: AgendaItem[] } | { ok: false; missing: string[] };

/** The items a letter is circulated under, with their titles, in the order the letter gives them. */
export function agendaItemsFor(agenda: Agenda, numbers: readonly string[]): AgendaLookup {
  const byNumber = new Map(agenda.items.map((entry) => [entry.item, entry]));
  const missing = numbers.filter((n) => !byNumber.has(n));
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    value: numbers.flatMap((n) => {
      const entry = byNumber.get(n);
      return entry ? [{ item: entry.item, title: { ...entry.title } }] : [];
    }),
  };
}
