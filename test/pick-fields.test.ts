import { describe, expect, it } from 'vitest';
import { pickFields } from '../functions/domain/pick-fields.ts';

describe('pickFields', () => {
  it('copies the required fields, then the optional ones that are set, and nothing else', () => {
    const item = {
      pk: 'TOKEN#t1',
      id: 't1',
      role: 'officer',
      state: '',
      label: 'desk',
      revokedAt: undefined,
    };
    const copy = pickFields(item, ['id', 'role'], ['state', 'revokedAt', 'label']);
    expect(copy).toStrictEqual({ id: 't1', role: 'officer', label: 'desk' });
    expect(Object.keys(copy)).toEqual(['id', 'role', 'label']);
  });

  it('keeps a required field even where it is empty', () => {
    expect(pickFields({ id: '', extra: 1 }, ['id'])).toStrictEqual({ id: '' });
  });
});
