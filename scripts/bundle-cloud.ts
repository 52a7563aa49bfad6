/**
 * Bundles each cloud function's TypeScript (cloudfunctions/<name>/src/index.ts, with what it
 * imports from cloudfunctions/common, miniprogram/core and typings) into cloudfunctions/<name>/index.js,
 * the file the cloud runs. wx-server-sdk stays external: the cloud installs it from package.json.
 * `npx tsx scripts/bundle-cloud.ts` runs it.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

export interface BundleOptions {
  /** The cloudfunctionRoot; default the repository's cloudfunctions/. */
  root?: string;
  /** Only these functions (default: every folder with src/index.ts). */
  only?: string[];
}

export interface BundledFunction {
  name: string;
  bytes: number;
}

const DEFAULT_ROOT = resolve(__dirname, '..', 'cloudfunctions');

export function cloudFunctionNames(root: string = DEFAULT_ROOT): string[] {
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory() && existsSync(join(root, name, 'src', 'index.ts')))
    .sort();
}

export async function bundleCloudFunctions(opts: BundleOptions = {}): Promise<BundledFunction[]> {
  const root = opts.root ?? DEFAULT_ROOT;
  const names = opts.only ?? cloudFunctionNames(root);
  const bundled: BundledFunction[] = [];
  for (const name of names) {
    const outfile = join(root, name, 'index.js');
    await build({
      entryPoints: [join(root, name, 'src', 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      // The oldest Node the WeChat cloud offers for functions.
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      logLevel: 'warning',
    });
    bundled.push({ name, bytes: statSync(outfile).size });
  }
  return bundled;
}

// Run directly (`tsx scripts/bundle-cloud.ts`), not when imported.
if (process.argv[1] !== undefined && resolve(process.argv[1]).replace(/\.ts$/, '') === __filename.replace(/\.ts$/, '')) {
  bundleCloudFunctions()
    .then((list) => {
      for (const { name, bytes } of list) console.log(`cloudfunctions/${name}/index.js  ${(bytes / 1024).toFixed(1)} KB`);
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
