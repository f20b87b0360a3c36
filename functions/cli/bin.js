#!/usr/bin/env node
/**
 * The installed `distr` command (`npx distr …`). It runs functions/cli/distr.ts from an esbuild
 * bundle kept in node_modules/.cache/distr/, because a fresh process spends most of its start-up
 * stripping types from, resolving and loading a few hundred modules one by one. The bundle is
 * rebuilt whenever one of the project files it was built from has changed, so an edit shows at
 * the next run. Without esbuild (a production install) it runs the TypeScript sources directly.
 *
 * Plain JavaScript on purpose: this file is loaded before anything could strip types cheaply.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
// The default export, not a named one: Node before 22 lacks enableCompileCache and would refuse to
// link this file before the version check below could say so.
import nodeModule from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The project pins Node 24 (the `node` devDependency). npx and npm scripts put it first on PATH; a
// shell running node_modules/.bin/distr may find an older system Node, so hand over to the pinned one.
if (Number(process.versions.node.split('.')[0]) < 24) {
  const pinned = join(ROOT, 'node_modules/node/bin/node');
  if (!existsSync(pinned)) {
    console.error(
      `distr: needs Node.js 24 or later, and this is ${process.version}. Run it as \`npx distr …\`.`,
    );
    process.exit(1);
  }
  const child = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (child.signal) process.kill(process.pid, child.signal);
  process.exit(child.status ?? 1);
}

// WebAssembly (HarfBuzz) stays on V8's baseline compiler: optimising it in the background
// competes with the render for the CPU, and a command's short life never earns the cost back
// (a six-language render about 0.2 s faster on two cores). The implied flags are spelled out
// because V8 applies implications only at start-up. Set before any code is compiled, so that
// V8's code cache, keyed by flags, stays valid from run to run.
setFlagsFromString('--liftoff-only --no-wasm-dynamic-tiering --no-wasm-tier-up');
// V8 keeps the bundle's compiled code between runs (in the OS temporary directory).
nodeModule.enableCompileCache();

const CACHE = process.env.DISTR_CLI_CACHE ?? join(ROOT, 'node_modules/.cache/distr');
const MANIFEST = join(CACHE, 'cli.json');
/**
 * Files besides the bundle's own sources that make it stale: this launcher (how it is built) and
 * npm's record of node_modules, rewritten by every `npm install` / `npm ci`.
 */
const BUILT_WITH = ['functions/cli/bin.js', 'node_modules/.package-lock.json'];
const ENTRY = 'functions/cli/distr.ts';

const stamp = (file) => {
  try {
    const { mtimeMs, size } = statSync(join(ROOT, file));
    return `${mtimeMs}:${size}`;
  } catch {
    return 'missing';
  }
};

/** The bundle directory recorded in the manifest, if every file it was built from is unchanged. */
const freshBundle = () => {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return undefined;
  }
  for (const [file, recorded] of Object.entries(manifest.inputs))
    if (stamp(file) !== recorded) return undefined;
  return join(CACHE, manifest.dir);
};

/**
 * How the bundle differs from plain esbuild output. esbuild turns `import.meta.url` into the
 * bundle's own address, but the project's modules use it to find files beside them (templates,
 * the project root), so each keeps its original one. harfbuzzjs stays outside the bundle, since it
 * finds its .wasm next to its own files, and is imported by absolute address, so that the bundle
 * works wherever the cache is.
 */
const keepLocations = {
  name: 'keep-locations',
  setup(build) {
    build.onResolve({ filter: /^harfbuzzjs$/ }, () => ({
      path: import.meta.resolve('harfbuzzjs'),
      external: true,
    }));
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/** Builds a new bundle beside the old ones and points the manifest at it (atomically). */
const build = async (esbuild) => {
  const dir = `build-${Date.now()}-${process.pid}`;
  const outdir = join(CACHE, dir);
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { distr: ENTRY },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    // .mjs: under node_modules/ no package.json says "type": "module", and Node would otherwise
    // parse every chunk twice to detect its format.
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    target: 'node24',
    mainFields: ['module', 'main'],
    minify: true,
    // CommonJS dependencies (pdf-lib, …) call require() for Node's built-in modules.
    banner: {
      js: "import { createRequire as __distrRequire } from 'node:module'; const require = __distrRequire(import.meta.url);",
    },
    plugins: [keepLocations],
    metafile: true,
    logLevel: 'error',
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    if (!file.startsWith('node_modules/')) inputs[file] = stamp(file);
  }
  for (const file of BUILT_WITH) inputs[file] = stamp(file);
  const temporary = `${MANIFEST}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify({ dir, inputs }));
  renameSync(temporary, MANIFEST);
  // Older bundles: a process started a moment ago may still load chunks of the previous one.
  for (const entry of readdirSync(CACHE)) {
    if (!entry.startsWith('build-') || entry === dir) continue;
    const age = Date.now() - statSync(join(CACHE, entry)).mtimeMs;
    if (age > 60_000) rmSync(join(CACHE, entry), { recursive: true, force: true });
  }
  return outdir;
};

const bundle = async () => {
  const fresh = freshBundle();
  if (fresh) return fresh;
  const esbuild = await import('esbuild').catch(() => undefined);
  if (!esbuild) return undefined;
  try {
    mkdirSync(CACHE, { recursive: true });
    return await build(esbuild);
  } catch (error) {
    console.error(`distr: running from source, the bundle could not be built: ${error.message}`);
    return undefined;
  }
};

const dir = await bundle();
const cli = dir ? await import(pathToFileURL(join(dir, 'distr.mjs')).href) : await import('./distr.ts');
process.exitCode = await cli.main(process.argv.slice(2));
