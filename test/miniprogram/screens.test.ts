/** `npm run screens` draws every page: each page of app.json declares its screen states (test/screens/states/). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allPageScreens } from '../screens/registry';
import { MINIPROGRAM_ROOT } from './helpers';

interface AppJson {
  pages: string[];
  subpackages: { root: string; pages: string[] }[];
}

const app = JSON.parse(readFileSync(path.join(MINIPROGRAM_ROOT, 'app.json'), 'utf8')) as AppJson;
const appPages = [...app.pages, ...app.subpackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
const declared = allPageScreens();

describe('screen states', () => {
  it('are declared for every page of app.json, once, and only for pages that exist', () => {
    const pages = declared.map((d) => d.page);
    expect([...pages].sort()).toEqual([...appPages].sort());
  });

  it('name each state once per page, in kebab-case, with a caption', () => {
    for (const { states } of declared) {
      expect(states.length).toBeGreaterThan(0);
      const names = states.map((s) => s.name);
      expect(new Set(names).size).toBe(names.length);
      for (const state of states) {
        expect(state.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(state.caption.trim()).not.toBe('');
      }
    }
  });

  it('include the loading and error states wherever the page loads from the cloud', () => {
    for (const { page, states } of declared) {
      if (!states.some((s) => s.cloud === 'pending' || s.cloud === 'offline')) continue;
      expect({ page, names: states.map((s) => s.name) }).toEqual({ page, names: expect.arrayContaining(['loading', 'error']) as string[] });
    }
  });
});
