/**
 * `npm run bench [-- SECTION …]`: runs each benchmark section and prints its report. A section is
 * a module exporting `title` and `run()`; add yours to SECTIONS.
 */

export interface BenchSection {
  title: string;
  /** Measures and returns the report's lines. */
  run(): Promise<string[]>;
}

// Handlers log each request at INFO; a benchmark report wants only warnings and errors.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const SECTIONS: Record<string, () => Promise<BenchSection>> = {
  render: () => import('./render.ts'),
  registration: () => import('./registration.ts'),
  distribution: () => import('./distribution.ts'),
  docx: () => import('./docx.ts'),
  web: () => import('./web.ts'),
  preview: () => import('./preview.ts'),
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !Object.hasOwn(SECTIONS, name));
if (unknown.length > 0) {
  console.error(
    `bench: unknown section(s) ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`,
  );
  process.exit(2);
}
for (const [name, load] of Object.entries(SECTIONS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const section = await load();
  console.log(`\n## ${section.title}\n`);
  for (const line of await section.run()) console.log(line);
}
