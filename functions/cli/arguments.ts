/**
 * How every command reads its command line: node:util's parseArgs, strict (an unknown option is an
 * error), with the `-h, --help` they all take. The usage goes to stdout when asked for (exit code
 * 0), to stderr for operands that do not fit the command (exit code 2).
 */
import { readFile } from 'node:fs/promises';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { runCommand } from './client.ts';

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/** The `--json` flag of the commands that can print their answer as JSON. */
export const JSON_OPTION = { json: { type: 'boolean', default: false } } as const;

type Values<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; options: O & typeof HELP_OPTION }>
>['values'];

/**
 * The options and operands of a command, or the exit code once its usage is printed. `operands`
 * turns the positional arguments into what the command works on, or undefined where they do not fit.
 */
export function readCommandLine<const O extends ParseArgsOptionsConfig, T>(
  args: string[],
  usage: string,
  options: O,
  operands: (positionals: string[]) => T | undefined,
): { values: Values<O>; operands: T } | { exit: number } {
  const all: ParseArgsOptionsConfig = { ...options, ...HELP_OPTION };
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: all });
  if (values.help) {
    console.log(usage);
    return { exit: 0 };
  }
  const fitting = operands(positionals);
  if (fitting === undefined) {
    console.error(usage);
    return { exit: 2 };
  }
  // The parser types its values exactly only for options known where it is called: the command's.
  return { values: values as Values<O>, operands: fitting };
}

/**
 * A command from its command line to its exit code: the line read as readCommandLine reads it, then
 * `work` with its options and operands, its failures reported as runCommand reports them (as JSON
 * where the command has `--json` and it is given).
 */
export async function runCommandLine<const O extends ParseArgsOptionsConfig, T>(
  args: string[],
  usage: string,
  options: O,
  operands: (positionals: string[]) => T | undefined,
  work: (values: Values<O>, operands: T) => Promise<number>,
): Promise<number> {
  const line = readCommandLine(args, usage, options, operands);
  if ('exit' in line) return line.exit;
  const json = (line.values as { json?: boolean }).json === true;
  return runCommand(json, () => work(line.values, line.operands));
}

/** The operands of a command that takes none. */
export const none = (positionals: string[]): Record<string, never> | undefined =>
  positionals.length === 0 ? {} : undefined;

/** The one operand of a command that takes exactly one (a file, an id). */
export const single = ([operand, ...extra]: string[]): string | undefined =>
  operand && extra.length === 0 ? operand : undefined;

/** A JSON file the user named, with an error that says which file could not be read. */
export async function readJsonFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** A file the user named, as bytes, with an error that says which file could not be read. */
export async function readBinaryFile(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as Error).message}`);
  }
}
