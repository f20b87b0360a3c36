/**
 * A copy of `value` with only the fields named: the `required` ones always, the `optional` ones only
 * where set (not empty), so the copy carries nothing else (a table item's keys, a file's extra
 * fields) and no empty optional field.
 */
export function pickFields<T extends object, R extends keyof T, O extends keyof T = never>(
  value: T,
  required: readonly R[],
  optional: readonly O[] = [],
): Pick<T, R> & Partial<Pick<T, O>> {
  const copy = {} as Pick<T, R> & Partial<Pick<T, O>>;
  for (const key of required) copy[key] = value[key];
  for (const key of optional) if (value[key]) copy[key] = value[key];
  return copy;
}
