/**
 * `npm run build`: everything that ships, built offline.
 *  (a) bundle the cloud functions, (b) build miniprogram_npm, (c) compile the mini program with
 *  miniprogram-ci into dist/miniprogram/, (d) measure the main package and each subpackage,
 *  (e) run WeChat's code-quality check (and code analysis), (f) write dist/report.json.
 * Exits non-zero when a budget (main ≤ 600 KB, subpackage ≤ 500 KB), a code-quality rule, or the
 * npm require check fails.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { bundleCloudFunctions } from './bundle-cloud';
import { packNpm } from './pack-npm';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const COMPILED = path.join(DIST, 'miniprogram');

export const MAIN_BUDGET_BYTES = 600 * 1024;
export const SUBPACKAGE_BUDGET_BYTES = 500 * 1024;

/** dist/report.json, exactly this shape. */
export interface BuildReport {
  /** Compiled bytes: `main` and each subpackage root (e.g. `packages/hospital`). */
  packages: Record<string, number>;
  codeQuality: { name: string; success: boolean }[];
}

/** The compiled package: path under miniprogramRoot → content. */
export type CompiledFiles = Record<string, string | Buffer>;

type MiniprogramCi = typeof import('miniprogram-ci');
type CiProject = InstanceType<MiniprogramCi['Project']>;

interface AppJson {
  subpackages?: { root: string }[];
  subPackages?: { root: string }[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Subpackage roots from app.json, without trailing slash. */
export function subpackageRoots(appJson: AppJson): string[] {
  return [...(appJson.subpackages ?? []), ...(appJson.subPackages ?? [])].map((p) => p.root.replace(/\/+$/, ''));
}

/** Bytes per package: files under a subpackage root count for it, everything else for main. */
export function measurePackages(files: CompiledFiles, roots: string[]): Record<string, number> {
  const sizes: Record<string, number> = { main: 0 };
  for (const root of roots) sizes[root] = 0;
  for (const [file, content] of Object.entries(files)) {
    const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    const root = roots.find((r) => file.startsWith(`${r}/`));
    const key = root ?? 'main';
    sizes[key] = (sizes[key] ?? 0) + bytes;
  }
  return sizes;
}

/**
 * Resolves a `require` the way the WeChat runtime does: relative to the file (adding `.js` or
 * `/index.js`), or for a bare name, `miniprogram_npm/<name>` in the file's folder and each parent.
 */
export function resolveWeChatRequire(files: Set<string>, from: string, specifier: string): string | undefined {
  const candidates = (base: string) => [base, `${base}.js`, `${base}/index.js`].map((p) => path.posix.normalize(p));
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const base = specifier.startsWith('/') ? specifier.slice(1) : path.posix.join(path.posix.dirname(from), specifier);
    return candidates(base).find((c) => files.has(c));
  }
  let dir = path.posix.dirname(from);
  for (;;) {
    const base = dir === '.' ? `miniprogram_npm/${specifier}` : `${dir}/miniprogram_npm/${specifier}`;
    const found = candidates(base).find((c) => files.has(c));
    if (found) return found;
    if (dir === '.') return undefined;
    dir = path.posix.dirname(dir);
  }
}

/** Every `require("…")` in the compiled JS that the WeChat runtime could not resolve. */
export function unresolvedRequires(files: CompiledFiles): string[] {
  const names = new Set(Object.keys(files));
  const missing: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    if (!file.endsWith('.js')) continue;
    for (const match of String(content).matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      const specifier = match[1] ?? '';
      if (!resolveWeChatRequire(names, file, specifier)) missing.push(`${file} → ${specifier}`);
    }
  }
  return missing;
}

/** Every `usingComponents` entry of the compiled JSON whose component is not in the package. */
export function unresolvedComponents(files: CompiledFiles): string[] {
  const missing: string[] = [];
  for (const [file, content] of Object.entries(files)) {
    if (!file.endsWith('.json') || file === 'app.json' || file.includes('miniprogram_npm/')) continue;
    const json = JSON.parse(String(content)) as { usingComponents?: Record<string, string> };
    for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
      const base = target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(file), target);
      if (!(`${path.posix.normalize(base)}.json` in files)) missing.push(`${file}: <${tag}> → ${target}`);
    }
  }
  return missing;
}

/** Runs a compiled module with WeChat's resolution (no wx needed), for a smoke check of core/. */
export function requireCompiled(files: CompiledFiles, entry: string): unknown {
  const names = new Set(Object.keys(files));
  const cache = new Map<string, { exports: unknown }>();
  const load = (file: string): unknown => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    cache.set(file, module);
    const code = String(files[file]);
    const localRequire = (specifier: string) => {
      const target = resolveWeChatRequire(names, file, specifier);
      if (!target) throw new Error(`cannot resolve ${specifier} from ${file}`);
      return load(target);
    };
    vm.runInThisContext(`(function (module, exports, require) {${code}\n})`, { filename: file })(module, module.exports, localRequire);
    return module.exports;
  };
  return load(entry);
}

function createProject(ci: MiniprogramCi): CiProject {
  const projectConfig = JSON.parse(readFileSync(path.join(ROOT, 'project.config.json'), 'utf8')) as { appid: string };
  const project = new ci.Project({
    appid: projectConfig.appid,
    type: 'miniProgram',
    projectPath: ROOT,
    // Offline: nothing is uploaded, but the Project wants a key (docs/architecture.md#toolchain).
    privateKey: 'offline-build-no-upload',
    ignores: ['node_modules/**/*', 'dist/**/*', 'cloudfunctions/**/*'],
  });
  // Offline: the project attributes would otherwise be fetched from WeChat.
  project.attr = async () => ({ ...ci.DefaultProjectAttr, setting: { ...(ci.DefaultProjectAttr as { setting: object }).setting } });
  return project;
}

function writeCompiled(files: CompiledFiles): void {
  rmSync(COMPILED, { recursive: true, force: true });
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(COMPILED, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

export async function build(): Promise<{ report: BuildReport; failures: string[] }> {
  const failures: string[] = [];

  console.log('(a) bundling cloud functions');
  const bundled = await bundleCloudFunctions();
  for (const { name, bytes } of bundled) console.log(`    cloudfunctions/${name}/index.js  ${kb(bytes)}`);

  console.log('(b) building miniprogram_npm');
  await packNpm({ log: (line) => console.log(`    ${line}`) });

  console.log('(c) compiling the mini program (miniprogram-ci getCompiledResult, offline)');
  const ci: MiniprogramCi = await import('miniprogram-ci');
  const project = createProject(ci);
  const files = (await ci.getCompiledResult({
    project,
    version: '0.0.0',
    // As DevTools would: project.config.json's settings (TypeScript plugin, es6, enhance), minified.
    setting: { useProjectConfig: true, es6: true, es7: true, minify: true, minifyJS: true, minifyWXML: true, minifyWXSS: true, autoPrefixWXSS: true },
  })) as CompiledFiles;
  writeCompiled(files);
  console.log(`    ${Object.keys(files).length} files → ${path.relative(ROOT, COMPILED)}/`);

  const missing = unresolvedRequires(files);
  if (missing.length > 0) {
    for (const m of missing) console.log(`    FAIL require not resolvable in WeChat: ${m}`);
    failures.push(`${missing.length} unresolvable require(s)`);
  } else {
    console.log('    PASS every require() resolves the WeChat way (incl. dayjs/plugin/* in miniprogram_npm)');
  }
  const missingComponents = unresolvedComponents(files);
  if (missingComponents.length > 0) {
    for (const m of missingComponents) console.log(`    FAIL component not in package: ${m}`);
    failures.push(`${missingComponents.length} missing component(s)`);
  } else {
    console.log('    PASS every usingComponents entry is in the package');
  }
  try {
    const time = requireCompiled(files, 'core/time.js') as { weekdayLabel: (d: string) => string; hospitalDate: (ms: number) => string };
    const label = time.weekdayLabel('2026-11-30');
    const date = time.hospitalDate(Date.UTC(2026, 0, 1, 16, 30));
    if (label !== '周一' || date !== '2026-01-02') throw new Error(`weekdayLabel → ${label}, hospitalDate → ${date}`);
    console.log('    PASS compiled core/time.js runs with packed dayjs + utc + timezone');
  } catch (error) {
    console.log(`    FAIL compiled core/time.js: ${error instanceof Error ? error.message : String(error)}`);
    failures.push('compiled core/time.js does not run');
  }

  console.log('(d) package sizes (compiled)');
  const appJson = JSON.parse(String(files['app.json'])) as AppJson;
  const packages = measurePackages(files, subpackageRoots(appJson));
  for (const [name, bytes] of Object.entries(packages)) {
    const budget = name === 'main' ? MAIN_BUDGET_BYTES : SUBPACKAGE_BUDGET_BYTES;
    const ok = bytes <= budget;
    console.log(`    ${ok ? 'PASS' : 'FAIL'} ${name === 'main' ? 'main package' : `subpackage ${name}`}: ${kb(bytes)} (budget ${kb(budget)})`);
    if (!ok) failures.push(`${name} over budget`);
  }

  console.log('(e) WeChat code quality');
  const quality = await ci.checkCodeQuality(project);
  const codeQuality = quality.map((item) => ({ name: String(item.name), success: item.success === true }));
  for (const item of quality) {
    const passed = item.success === true;
    console.log(`    ${passed ? 'PASS' : 'FAIL'} ${String(item.name)}${passed ? '' : ` — ${item.text ?? ''} ${JSON.stringify(item.detail ?? '')}`}`);
    if (!passed) failures.push(`code quality ${String(item.name)}`);
  }
  const analysis = await ci.analyseCode(project, { silent: true });
  if (analysis) {
    const sourceBytes = analysis.files.reduce((sum: number, f: { size: number }) => sum + f.size, 0);
    console.log(`    analyseCode: ${analysis.files.length} source files, ${kb(sourceBytes)} before compilation and unused-file removal`);
  }

  const report: BuildReport = { packages, codeQuality };
  mkdirSync(DIST, { recursive: true });
  writeFileSync(path.join(DIST, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('(f) wrote dist/report.json');
  return { report, failures };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]).replace(/\.ts$/, '') === __filename.replace(/\.ts$/, '')) {
  build()
    .then(({ failures }) => {
      if (failures.length > 0) {
        console.log(`BUILD FAILED: ${failures.join('; ')}`);
        process.exit(1);
      }
      console.log('BUILD OK');
      // miniprogram-ci leaves worker handles open; the build is done.
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
