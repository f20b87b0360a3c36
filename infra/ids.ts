/**
 * Construct IDs made from the names in functions/resources.ts. They end up in logical IDs, so changing how
 * they are made replaces resources (test/infra-logical-ids.test.ts).
 */
export const pascal = (s: string) =>
  s.replace(/(^|[-_/{}+])(\w)/g, (_, __, c: string) => c.toUpperCase()).replace(/\W/g, '');

export const routeId = (path: string) => pascal(path.replace(/[{}+]/g, '').replace(/\//g, '-')) || 'Root';
