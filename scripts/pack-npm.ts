/**
 * Builds `miniprogram/miniprogram_npm` offline from the root package.json dependencies with
 * miniprogram-ci's packNpmManually, then adds the package subpaths the mini program imports
 * (e.g. `dayjs/plugin/utc`): the npm build only packs each package's main entry, while WeChat
 * resolves `require('x/y')` to `miniprogram_npm/x/y.js`.
 *
 * Run: `npx tsx scripts/pack-npm.ts [--force]`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const MINIPROGRAM = path.join(ROOT, 'miniprogram');
export const MINIPROGRAM_NPM = path.join(MINIPROGRAM, 'miniprogram_npm');
const STAMP = path.join(ROOT, 'node_modules', '.cache', 'palm-hospital', 'pack-npm.json');

interface PackageJson {
  version?: string;
  dependencies?: Record<string, string>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'miniprogram_npm' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|js)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Dependency subpaths the mini program's sources import, e.g. `dayjs/plugin/utc`. */
export function importedSubpaths(dependencies: string[]): string[] {
  const found = new Set<string>();
  const specifier = /(?:from\s+|require\(\s*|import\(\s*)['"]([^'"./][^'"]*)['"]/g;
  for (const file of sourceFiles(MINIPROGRAM)) {
    for (const match of readFileSync(file, 'utf8').matchAll(specifier)) {
      const spec = match[1] ?? '';
      const pkg = dependencies.find((dep) => spec.startsWith(`${dep}/`));
      if (pkg) found.add(spec);
    }
  }
  return [...found].sort();
}

/** Everything that decides the output: installed versions and the imported subpaths. */
function fingerprint(dependencies: string[], subpaths: string[]): string {
  const versions = dependencies.map((dep) => `${dep}@${readJson<PackageJson>(path.join(ROOT, 'node_modules', dep, 'package.json')).version ?? '?'}`);
  return createHash('sha256').update(JSON.stringify({ versions, subpaths })).digest('hex');
}

function isUpToDate(print: string, subpaths: string[], dependencies: string[]): boolean {
  if (!existsSync(STAMP)) return false;
  if (readJson<{ fingerprint?: string }>(STAMP).fingerprint !== print) return false;
  const outputs = [...dependencies.map((dep) => path.join(MINIPROGRAM_NPM, dep)), ...subpaths.map((s) => path.join(MINIPROGRAM_NPM, `${s}.js`))];
  return outputs.every((p) => existsSync(p));
}

/** Copies `node_modules/<subpath>.js` to `miniprogram_npm/<subpath>.js`; it must be self-contained. */
function copySubpath(subpath: string): void {
  const source = path.join(ROOT, 'node_modules', `${subpath}.js`);
  if (!existsSync(source) || !statSync(source).isFile()) throw new Error(`pack-npm: ${subpath} is imported but node_modules/${subpath}.js does not exist`);
  // A file that requires other modules would need a real bundle, not a copy.
  if (/\brequire\s*\(/.test(readFileSync(source, 'utf8'))) throw new Error(`pack-npm: ${subpath}.js requires other modules; bundle it instead of copying`);
  const target = path.join(MINIPROGRAM_NPM, `${subpath}.js`);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(source, target);
}

/** Builds miniprogram_npm unless it is up to date; `force` rebuilds anyway. */
export async function packNpm(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const pkg = readJson<PackageJson>(path.join(ROOT, 'package.json'));
  const dependencies = Object.keys(pkg.dependencies ?? {});
  const subpaths = importedSubpaths(dependencies);
  const print = fingerprint(dependencies, subpaths);
  if (!options.force && isUpToDate(print, subpaths, dependencies)) {
    log('pack-npm: miniprogram_npm is up to date');
    return;
  }
  // Loaded lazily: miniprogram-ci takes a second to load and prints on load.
  const ci = await import('miniprogram-ci');
  const result = await ci.packNpmManually({
    packageJsonPath: path.join(ROOT, 'package.json'),
    miniprogramNpmDistDir: MINIPROGRAM,
  });
  for (const warning of result.warnList) log(`pack-npm warning: ${JSON.stringify(warning)}`);
  for (const subpath of subpaths) copySubpath(subpath);
  mkdirSync(path.dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, JSON.stringify({ fingerprint: print, builtAt: new Date().toISOString() }, null, 2));
  log(`pack-npm: built ${result.miniProgramPackNum} mini program package(s), ${result.otherNpmPackNum} other package(s); copied ${subpaths.join(', ') || 'no subpaths'}`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) {
  packNpm({ force: process.argv.includes('--force') }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
