import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { agendaItemsFor, agendaSchema } from '../functions/domain/agenda.ts';
import { agendaItemSchema } from '../functions/domain/document.ts';
import { fieldProblems } from '../functions/domain/field-problems.ts';

// Illustrative titles (en and fr as in A/79/923; the others are not checked against the UN's agenda).
const titles51 = {
  en: 'Comprehensive review of the whole question of peacekeeping operations in all their aspects',
  fr: 'Étude d’ensemble de toute la question des opérations de maintien de la paix sous tous leurs aspects',
  es: 'Examen amplio de toda la cuestión de las operaciones de mantenimiento de la paz en todos sus aspectos',
  ru: 'Всеобъемлющий обзор всего вопроса об операциях по поддержанию мира во всех их аспектах',
  zh: '维持和平行动所有方面的全面审查',
  ar: 'استعراض شامل لكامل مسألة عمليات حفظ السلام من جميع نواحيها',
};
const titles17c = {
  en: 'Item 17 (c)',
  fr: 'Point 17 c)',
  es: 'Tema 17 c)',
  ru: 'Пункт 17 c)',
  zh: '项目17(c)',
  ar: 'البند 17 (ج)',
};
const agenda = {
  items: [
    { item: '51', title: titles51 },
    { item: '17 (c)', title: titles17c },
  ],
};

const fields = (input: unknown) => {
  const parsed = agendaSchema.safeParse(input);
  return parsed.success ? [] : fieldProblems(parsed.error.issues).map((p) => p.field);
};

describe('agendaSchema (PUT /v1/agendas/GA/{session})', () => {
  it('accepts items with titles in the six languages', () => {
    expect(agendaSchema.parse(agenda)).toEqual(agenda);
  });

  it.each([
    [
      'a missing language',
      { items: [{ item: '51', title: { ...titles51, ar: undefined } }] },
      '/items/0/title/ar',
    ],
    ['an empty title', { items: [{ item: '51', title: { ...titles51, zh: ' ' } }] }, '/items/0/title/zh'],
    [
      'a seventh language',
      { items: [{ item: '51', title: { ...titles51, de: 'Umfassende Überprüfung' } }] },
      '/items/0/title/de',
    ],
    ['a malformed item number', { items: [{ item: '17c', title: titles17c }] }, '/items/0/item'],
    ['an item number with a leading zero', { items: [{ item: '051', title: titles51 }] }, '/items/0/item'],
    ['a repeated item', { items: [...agenda.items, { item: '51', title: titles51 }] }, '/items/2/item'],
    ['no items', { items: [] }, '/items'],
    ['no items field', {}, '/items'],
    ['an unknown field', { ...agenda, session: 79 }, '/session'],
  ])('rejects %s', (_what, input, field) => {
    expect(fields(input)).toEqual([field]);
  });

  it('can be described in JSON Schema', () => {
    const schema = JSON.stringify(z.toJSONSchema(agendaSchema));
    for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) expect(schema).toContain(`"${lang}"`);
  });
});

describe('agendaItemsFor', () => {
  const parsed = agendaSchema.parse(agenda);

  it('gives the document file entries for the items of a letter, in its order', () => {
    const found = agendaItemsFor(parsed, ['17 (c)', '51']);
    expect(found).toEqual({
      ok: true,
      value: [
        { item: '17 (c)', title: titles17c },
        { item: '51', title: titles51 },
      ],
    });
    if (found.ok) for (const entry of found.value) expect(agendaItemSchema.parse(entry)).toEqual(entry);
  });

  it('names the items the agenda lacks', () => {
    expect(agendaItemsFor(parsed, ['51', '130', '17 (d)'])).toEqual({
      ok: false,
      missing: ['130', '17 (d)'],
    });
  });
});
