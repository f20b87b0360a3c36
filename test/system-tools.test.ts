/**
 * The first step of `npm test` (test/support/system-tools.ts) on machines it is given: a PATH of
 * its own holding the tools that are "installed", and an apt that installs into it.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureTools, type Host, majorVersion, TOOLS, type Tool } from './support/system-tools.ts';

const DEBIAN_12 = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';

interface Machine {
  os: string;
  root: boolean;
  /** Commands already installed. */
  installed: string[];
  /** Packages apt knows of (all of TOOLS' first choices unless given). */
  available?: string[];
  /** What `java -version` answers. */
  java?: string;
  /** apt-get install fails. */
  broken?: boolean;
  /** Files on PATH under a command's name that cannot be run. */
  notExecutable?: string[];
}

/** A machine whose commands are empty executables in a PATH directory of their own. */
function machine(spec: Machine) {
  const bin = mkdtempSync(join(tmpdir(), 'distr-tools-'));
  mkdirSync(bin, { recursive: true });
  const install = (command: string) => {
    writeFileSync(join(bin, command), '#!/bin/sh\n');
    chmodSync(join(bin, command), 0o755);
  };
  for (const command of [...spec.installed, 'apt-get']) install(command);
  for (const command of spec.notExecutable ?? []) writeFileSync(join(bin, command), '');
  const available = new Set(spec.available ?? TOOLS.map((tool) => tool.packages[0]));
  const calls: string[] = [];
  const lines: string[] = [];
  const host: Host = {
    path: bin,
    isRoot: spec.root,
    osRelease: spec.os,
    run(command, args) {
      calls.push([command, ...args].join(' '));
      const ok = { status: 0, stdout: '', stderr: '' };
      if (command === 'java') return { ...ok, stderr: spec.java ?? 'openjdk version "17.0.15" 2025-04-15' };
      if (command === 'apt-cache') return { ...ok, status: available.has(args[1] ?? '') ? 0 : 100 };
      if (command === 'apt-get' && args[0] === 'install') {
        if (spec.broken) return { status: 100, stdout: '', stderr: 'E: Unable to locate package zbar-tools' };
        const packages = args.filter((arg) => available.has(arg));
        for (const tool of TOOLS) if (tool.packages.some((p) => packages.includes(p))) install(tool.command);
        if (packages.some((p) => p.startsWith('openjdk-'))) spec.java = 'openjdk version "21.0.8" 2025-07-15';
      }
      return ok;
    },
    say: (line) => lines.push(line),
    // A font counts as installed like a command: a file under its name in the machine's directory.
    exists: (file) => {
      const tool = TOOLS.find((t) => t.file === file);
      return tool !== undefined && existsSync(join(bin, tool.command));
    },
  };
  return { host, calls, lines, installs: () => calls.filter((call) => call.startsWith('apt-get install')) };
}

const ALL = TOOLS.map((tool) => tool.command);
const without = (...commands: string[]) => ALL.filter((command) => !commands.includes(command));

describe('the system tools npm test needs', () => {
  it('lets the tests run when everything is there, saying nothing and installing nothing', () => {
    const m = machine({ os: DEBIAN_12, root: true, installed: ALL });
    expect(ensureTools(TOOLS, m.host)).toBe(0);
    expect(m.lines).toEqual([]);
    expect(m.calls).toEqual(['java -version']);
  });

  it('as root on Debian, installs what is missing (each package once), saying so in one line', () => {
    const m = machine({ os: DEBIAN_12, root: true, installed: without('zbarimg', 'pdftoppm', 'pdftotext') });
    expect(ensureTools(TOOLS, m.host)).toBe(0);
    expect(m.calls[0]).toMatch(/^java -version$/);
    expect(m.calls).toContain('apt-get update -qq -o DPkg::Lock::Timeout=300');
    expect(m.installs()).toEqual([
      'apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 poppler-utils zbar-tools',
    ]);
    expect(m.calls.indexOf('apt-get update -qq -o DPkg::Lock::Timeout=300')).toBeLessThan(
      m.calls.findIndex((call) => call.startsWith('apt-get install')),
    );
    expect(m.lines).toEqual([
      'npm test: installing poppler-utils zbar-tools (for pdftoppm, pdftotext, zbarimg)',
    ]);
  });

  it('on Ubuntu too, and picks the Java apt has when the first choice is not packaged (Debian 13)', () => {
    const m = machine({
      os: UBUNTU,
      root: true,
      installed: without('java'),
      available: ['openjdk-21-jre-headless'],
    });
    expect(ensureTools(TOOLS, m.host)).toBe(0);
    expect(m.installs()).toEqual([
      'apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 openjdk-21-jre-headless',
    ]);
  });

  it('counts a Java older than 17 as missing', () => {
    const m = machine({
      os: DEBIAN_12,
      root: true,
      installed: ALL,
      java: 'openjdk version "11.0.22" 2024-01-16',
    });
    expect(ensureTools(TOOLS, m.host)).toBe(0);
    expect(m.lines).toEqual([
      'npm test: installing openjdk-17-jre-headless (for java 17 or later, found 11)',
    ]);
    expect(majorVersion('java version "1.8.0_401"')).toBe(8);
  });

  it('without root, stops at once with one line naming the exact command', () => {
    const m = machine({
      os: DEBIAN_12,
      root: false,
      installed: without('zbarimg', 'qpdf'),
      notExecutable: ['qpdf'],
    });
    expect(ensureTools(TOOLS, m.host)).toBe(1);
    expect(m.installs()).toEqual([]);
    expect(m.calls.some((call) => call.startsWith('apt-get'))).toBe(false);
    expect(m.lines).toEqual([
      'npm test needs zbarimg, qpdf: install them with `sudo apt-get install -y --no-install-recommends zbar-tools qpdf`',
    ]);
  });

  it('elsewhere than Debian or Ubuntu, stops at once naming what is missing and its Debian package', () => {
    const m = machine({ os: FEDORA, root: true, installed: without('pdffonts') });
    expect(ensureTools(TOOLS, m.host)).toBe(1);
    expect(m.calls.some((call) => call.startsWith('apt'))).toBe(false);
    expect(m.lines).toEqual(['npm test needs pdffonts: install them (on Debian or Ubuntu: poppler-utils)']);
  });

  it('stops with apt-get’s own words when the install fails', () => {
    const m = machine({ os: DEBIAN_12, root: true, installed: without('zbarimg'), broken: true });
    expect(ensureTools(TOOLS, m.host)).toBe(1);
    expect(m.lines).toHaveLength(2);
    expect(m.lines[1]).toMatch(/^npm test: apt-get install zbar-tools failed:\nE: Unable to locate package/);
  });

  it('stops when the install did not bring the command', () => {
    const tools: Tool[] = [{ command: 'firefox', packages: ['firefox-esr'], for: 'a browser' }];
    const m = machine({ os: DEBIAN_12, root: true, installed: [], available: ['firefox-esr'] });
    expect(ensureTools(tools, m.host)).toBe(1);
    expect(m.lines.at(-1)).toBe('npm test: still missing after apt-get install firefox-esr: firefox');
  });
});
