/**
 * The first step of `npm test`: the system tools the tests call must be there before anything
 * runs. Running as root on Debian or Ubuntu, what is missing is installed with apt-get; anywhere
 * else the run stops at once, with one line naming the command that installs it. Tools that have
 * an official npm build come from npm instead (MuPDF: the `mupdf` devDependency).
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Tool {
  /** The command the tests run. */
  readonly command: string;
  /** Debian and Ubuntu packages that provide it, in order of preference; the first one known to apt is used. */
  readonly packages: readonly [string, ...string[]];
  /** What the tests use it for. */
  readonly for: string;
  /** The least major version, for a tool whose version matters (read from `<command> -version`). */
  readonly atLeast?: number;
  /** For what is not a command (a font): the file that must exist; `command` then only names it. */
  readonly file?: string;
}

/** Every system tool the suite runs. One line per command. */
export const TOOLS: readonly Tool[] = [
  { command: 'pdftoppm', packages: ['poppler-utils'], for: 'page images: QR codes, visual checks' },
  { command: 'pdftotext', packages: ['poppler-utils'], for: 'text read back from PDFs' },
  { command: 'pdffonts', packages: ['poppler-utils'], for: 'embedded fonts of PDFs' },
  { command: 'pdfinfo', packages: ['poppler-utils'], for: 'PDF metadata' },
  { command: 'zbarimg', packages: ['zbar-tools'], for: 'QR codes and barcodes read back' },
  { command: 'qpdf', packages: ['qpdf'], for: 'PDF structure checks' },
  // Debian 13 has no Java 17; DynamoDB Local runs on any Java from 17 on.
  {
    command: 'java',
    packages: ['openjdk-17-jre-headless', 'openjdk-21-jre-headless'],
    for: 'DynamoDB Local',
    atLeast: 17,
  },
  { command: 'chromium', packages: ['chromium'], for: 'the browser tests of the web pages (headless)' },
  // Debian's chromium brings no fonts for these scripts: without them the screenshots show boxes.
  {
    command: 'Noto Sans CJK (font)',
    file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    packages: ['fonts-noto-cjk'],
    for: 'Chinese in the browser tests and their screenshots',
  },
  {
    command: 'Noto Naskh Arabic (font)',
    file: '/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf',
    packages: ['fonts-noto-core'],
    for: 'Arabic in the browser tests and their screenshots',
  },
];

/** What the script needs from the machine, so that tests can give it another. */
export interface Host {
  /** The PATH to find commands on. */
  readonly path: string;
  readonly isRoot: boolean;
  /** The contents of /etc/os-release ('' if there is none). */
  readonly osRelease: string;
  run(command: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string };
  /** Writes one line for the user. */
  say(line: string): void;
  /** Whether a file is there (default: the file system). */
  exists?(file: string): boolean;
}

const fileExists = (file: string): boolean => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

const onPath = (command: string, path: string): boolean =>
  path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => {
      const file = join(dir, command);
      try {
        accessSync(file, constants.X_OK);
        return statSync(file).isFile();
      } catch {
        return false;
      }
    });

/** The major version in `java -version`'s answer (`openjdk version "17.0.15"`, `java version "1.8.0_401"`). */
export const majorVersion = (answer: string): number | undefined => {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(answer);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
};

interface Missing {
  tool: Tool;
  /** Why it does not do, when it is there: its version. */
  found?: string;
}

const missingTools = (tools: readonly Tool[], host: Host): Missing[] =>
  tools.flatMap((tool): Missing[] => {
    if (tool.file !== undefined) return (host.exists ?? fileExists)(tool.file) ? [] : [{ tool }];
    if (!onPath(tool.command, host.path)) return [{ tool }];
    if (tool.atLeast === undefined) return [];
    const answer = host.run(tool.command, ['-version']);
    const major = majorVersion(`${answer.stdout}\n${answer.stderr}`);
    return major !== undefined && major >= tool.atLeast ? [] : [{ tool, found: String(major ?? 'unknown') }];
  });

const describe = (missing: Missing[]): string =>
  missing
    .map(({ tool, found }) =>
      tool.atLeast === undefined
        ? tool.command
        : `${tool.command} ${tool.atLeast} or later${found ? `, found ${found}` : ''}`,
    )
    .join(', ');

const debianLike = (osRelease: string): boolean =>
  /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease.replace(/"/g, ''));

/** One package per missing tool (the first apt knows of), each named once. */
const packagesFor = (missing: Missing[], host: Host): string[] => [
  ...new Set(
    missing.map(
      ({ tool }) =>
        tool.packages.find((name) => host.run('apt-cache', ['show', name]).status === 0) ?? tool.packages[0],
    ),
  ),
];

/** apt-get, without questions, waiting for another apt run to finish rather than failing. */
const APT_OPTIONS = ['-y', '-qq', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=300'];

/** Makes sure every tool is there; resolves to the exit code. */
export function ensureTools(tools: readonly Tool[], host: Host): number {
  const missing = missingTools(tools, host);
  if (missing.length === 0) return 0;
  const apt = debianLike(host.osRelease) && onPath('apt-get', host.path);
  if (!apt) {
    const packages = [...new Set(missing.map(({ tool }) => tool.packages[0]))].join(' ');
    host.say(`npm test needs ${describe(missing)}: install them (on Debian or Ubuntu: ${packages})`);
    return 1;
  }
  if (!host.isRoot) {
    const command = `sudo apt-get install -y --no-install-recommends ${packagesFor(missing, host).join(' ')}`;
    host.say(`npm test needs ${describe(missing)}: install them with \`${command}\``);
    return 1;
  }
  const update = host.run('apt-get', ['update', '-qq', '-o', 'DPkg::Lock::Timeout=300']);
  const packages = packagesFor(missing, host);
  host.say(`npm test: installing ${packages.join(' ')} (for ${describe(missing)})`);
  const install = host.run('apt-get', ['install', ...APT_OPTIONS, ...packages]);
  if (install.status !== 0) {
    const output = [update.stderr, install.stdout, install.stderr].join('\n').trim();
    host.say(`npm test: apt-get install ${packages.join(' ')} failed:\n${output}`);
    return 1;
  }
  const still = missingTools(tools, host);
  if (still.length > 0) {
    host.say(`npm test: still missing after apt-get install ${packages.join(' ')}: ${describe(still)}`);
    return 1;
  }
  return 0;
}

const readOsRelease = (): string => {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
};

export const thisMachine = (): Host => ({
  path: process.env.PATH ?? '',
  isRoot: process.getuid?.() === 0,
  osRelease: readOsRelease(),
  run: (command, args) => {
    const result = spawnSync(command, args, {
      encoding: 'utf8',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
  },
  say: (line) => console.error(line),
});

if (import.meta.main) process.exitCode = ensureTools(TOOLS, thisMachine());
