/** docs/: the index lists every document, and every `docs/<file>.md#<anchor>` the code cites exists. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const DOCS = path.join(ROOT, 'docs');

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(
      (heading ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return anchors;
}

describe('docs/', () => {
  it('lists every document in docs/README.md', () => {
    const index = readFileSync(path.join(DOCS, 'README.md'), 'utf8');
    const documents = readdirSync(DOCS).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(documents.length).toBeGreaterThan(0);
    for (const doc of documents) expect({ doc, listed: index.includes(`(${doc})`) }).toEqual({ doc, listed: true });
  });

  it('has every section the code cites', () => {
    const tracked = execFileSync('git', ['ls-files', '*.ts', '*.md', '*.mjs'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const cited = new Map<string, string[]>();
    for (const file of tracked) {
      for (const [citation] of readFileSync(path.join(ROOT, file), 'utf8').matchAll(/docs\/[a-z0-9-]+\.md#[a-z0-9-]+/g)) {
        cited.set(citation, [...(cited.get(citation) ?? []), file]);
      }
    }
    expect(cited.size).toBeGreaterThan(0);
    for (const [citation, files] of cited) {
      const [doc, anchor] = citation.slice('docs/'.length).split('#') as [string, string];
      const anchors = anchorsOf(readFileSync(path.join(DOCS, doc), 'utf8'));
      expect({ citation, files, exists: anchors.has(anchor) }).toEqual({ citation, files, exists: true });
    }
  });
});
