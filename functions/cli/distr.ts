#!/usr/bin/env node
/**
 * `distr`: the command-line entry. A small dispatcher: each subcommand is a module in
 * `commands/`, loaded only when called, so a slow import in one never slows the others.
 * To add a command, add a line to COMMANDS.
 */

import { enableCompileCache } from 'node:module';

// Reuse V8's compiled code of the big dependencies (pdf-lib, zod, …) across runs: a fresh
// `distr render` spends much of its time compiling them.
enableCompileCache();

// Output is a report of the work, so a reader that stops early (`distr render … | head -1`) must
// not stop the work: once the pipe is closed, the rest of the report goes nowhere, every file is
// still written, and the exit code is the work's own, as if the output had been read to the end.
// Any other failure of the streams still surfaces.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

/** What a subcommand module exports. */
export interface Command {
  /** One line for `distr --help`. */
  summary: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  render: () => import('./commands/render.ts'),
  tokens: () => import('./commands/tokens.ts'),
  submit: () => import('./commands/submit.ts'),
  submissions: () => import('./commands/submissions.ts'),
  register: () => import('./commands/register.ts'),
  agenda: () => import('./commands/agenda.ts'),
  reindex: () => import('./commands/reindex.ts'),
};

const usage = async (): Promise<string> => {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((name) => name.length));
  const lines = await Promise.all(
    Object.entries(COMMANDS).map(
      async ([name, load]) => `  ${name.padEnd(width)}  ${(await load()).summary}`,
    ),
  );
  return [
    'Usage: distr <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `distr <command> --help` for the options of a command.',
  ].join('\n');
};

export const main = async (argv: string[]): Promise<number> => {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(await usage());
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    console.error(`distr: unknown command "${name}"\n\n${await usage()}`);
    return 2;
  }
  const command = await load();
  try {
    return await command.run(args);
  } catch (error) {
    console.error(`distr ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
};

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
