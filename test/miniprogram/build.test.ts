/** The offline build's package checks, on small hand-made compiled packages. */
import { measurePackages, requireCompiled, resolveWeChatRequire, subpackageRoots, unresolvedComponents, unresolvedRequires } from '../../scripts/build';

// build.ts bundles cloud functions with esbuild, which does not load under jsdom; these checks do not need it.
jest.mock('../../scripts/bundle-cloud', () => ({ bundleCloudFunctions: jest.fn() }));

describe('WeChat require resolution', () => {
  const files = new Set(['core/time.js', 'utils/format.js', 'miniprogram_npm/dayjs/index.js', 'miniprogram_npm/dayjs/plugin/utc.js', 'packages/hospital/miniprogram_npm/x/index.js', 'packages/hospital/intro/index.js']);

  it('resolves relative paths with .js and bare names in miniprogram_npm up the tree', () => {
    expect(resolveWeChatRequire(files, 'core/time.js', '../utils/format')).toBe('utils/format.js');
    expect(resolveWeChatRequire(files, 'core/time.js', 'dayjs')).toBe('miniprogram_npm/dayjs/index.js');
    expect(resolveWeChatRequire(files, 'core/time.js', 'dayjs/plugin/utc')).toBe('miniprogram_npm/dayjs/plugin/utc.js');
    expect(resolveWeChatRequire(files, 'packages/hospital/intro/index.js', 'x')).toBe('packages/hospital/miniprogram_npm/x/index.js');
    expect(resolveWeChatRequire(files, 'core/time.js', 'dayjs/plugin/timezone')).toBeUndefined();
  });

  it('reports requires the runtime could not resolve', () => {
    const compiled = {
      'core/time.js': 'var d=require("dayjs"),u=require("dayjs/plugin/utc"),t=require("dayjs/plugin/timezone");',
      'miniprogram_npm/dayjs/index.js': 'module.exports=1',
      'miniprogram_npm/dayjs/plugin/utc.js': 'module.exports=2',
    };
    expect(unresolvedRequires(compiled)).toEqual(['core/time.js → dayjs/plugin/timezone']);
  });

  it('runs a compiled module through that resolution', () => {
    const compiled = {
      'core/a.js': 'var b=require("../utils/b"),n=require("num");exports.value=b.twice(n);',
      'utils/b.js': 'exports.twice=function(x){return 2*x};',
      'miniprogram_npm/num/index.js': 'module.exports=21;',
    };
    expect(requireCompiled(compiled, 'core/a.js')).toEqual({ value: 42 });
  });
});

describe('package checks', () => {
  it('finds usingComponents that are not in the package', () => {
    const compiled = {
      'pages/home/index.json': JSON.stringify({ usingComponents: { 'van-tag': '../../miniprogram_npm/@vant/weapp/tag/index', 'state-view': '/components/state-view/index' } }),
      'miniprogram_npm/@vant/weapp/tag/index.json': '{}',
    };
    expect(unresolvedComponents(compiled)).toEqual(['pages/home/index.json: <state-view> → /components/state-view/index']);
  });

  it('counts bytes per package by subpackage root', () => {
    const roots = subpackageRoots({ subpackages: [{ root: 'packages/hospital/' }] });
    expect(roots).toEqual(['packages/hospital']);
    const sizes = measurePackages({ 'app.js': 'abcd', 'pages/home/index.js': Buffer.from('12'), 'packages/hospital/intro/index.js': '医院' }, roots);
    expect(sizes).toEqual({ main: 6, 'packages/hospital': 6 });
  });
});
