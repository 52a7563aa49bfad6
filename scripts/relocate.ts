/**
 * Moves TypeScript files and rewrites every relative import in the repository to follow them.
 * `npx tsx scripts/relocate.ts old.ts=new.ts …` moves (git mv) and rewrites; with `--rewrite-only`
 * the files have already moved (e.g. after a merge) and only imports still naming the old paths
 * are rewritten. Paths are relative to the repository root.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const args = process.argv.slice(2);
const rewriteOnly = args.includes('--rewrite-only');
const moves = new Map<string, string>();
for (const pair of args.filter((a) => a !== '--rewrite-only')) {
  const [from, to] = pair.split('=');
  if (!from || !to) throw new Error(`relocate: expected old=new, got ${pair}`);
  moves.set(resolve(root, from).replace(/\.ts$/, ''), resolve(root, to).replace(/\.ts$/, ''));
}

const listed = (extra: string[]) => execFileSync('git', ['ls-files', ...extra, '*.ts'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
const files = [...listed([]), ...listed(['--others', '--exclude-standard'])].map((f) => resolve(root, f));
const newPathOf = (file: string) => (rewriteOnly ? file : `${moves.get(file.replace(/\.ts$/, '')) ?? file.replace(/\.ts$/, '')}.ts`);
const specifier = /((?:from|import|require\(|jest\.mock\(|import\()\s*)(['"])(\.{1,2}\/[^'"]+)\2/g;

for (const file of files) {
  if (!existsSync(file)) continue;
  const source = readFileSync(file, 'utf8');
  const fromDir = dirname(file);
  const toDir = dirname(newPathOf(file));
  const rewritten = source.replace(specifier, (whole, before: string, quote: string, spec: string) => {
    const target = resolve(fromDir, spec);
    const moved = moves.get(target) ?? target;
    if (moved === target && fromDir === toDir) return whole;
    const path = relative(toDir, moved);
    return `${before}${quote}${path.startsWith('.') ? path : `./${path}`}${quote}`;
  });
  if (rewritten !== source) writeFileSync(file, rewritten);
}
if (!rewriteOnly) {
  for (const [from, to] of moves) {
    mkdirSync(dirname(to), { recursive: true });
    execFileSync('git', ['mv', `${from}.ts`, `${to}.ts`], { cwd: root });
  }
}
