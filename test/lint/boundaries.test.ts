/** The import boundaries between the parts: the rule and zones of scripts/lint/boundaries.cjs, as eslint.config.mjs applies them. */
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const boundaries = require('../../scripts/lint/boundaries.cjs') as { rules: Record<string, unknown>; ZONES: unknown[] };

const ROOT = path.resolve(__dirname, '../..');
const linter = new Linter({ cwd: ROOT });
const config = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser as Linter.Parser },
    plugins: { boundaries: boundaries as never },
    rules: { 'boundaries/imports': ['error', { root: ROOT, zones: boundaries.ZONES }] as Linter.RuleEntry },
  },
];

function refusals(file: string, code: string): string[] {
  return linter.verify(code, config, path.join(ROOT, file)).map((m) => m.message);
}

describe('import boundaries', () => {
  it('keep the mini program to itself and typings/', () => {
    expect(refusals('miniprogram/pages/x/index.ts', "import { businessClock } from '../../../cloudfunctions/common/clock';")).toEqual([
      expect.stringContaining('miniprogram/ may not import cloudfunctions/common/clock') as string,
    ]);
    expect(refusals('miniprogram/pages/x/index.ts', "import type { Result } from '../../../typings/result';")).toEqual([]);
  });

  it('keep core/ pure: no other mini-program folder, no package but dayjs', () => {
    const found = refusals('miniprogram/core/x.ts', "import { config } from '../config';\nimport qrcode from 'qrcode-generator';\nimport dayjs from 'dayjs';");
    expect(found).toEqual([expect.stringContaining('may not import miniprogram/config') as string, expect.stringContaining("the package 'qrcode-generator'") as string]);
  });

  it('keep services from view code', () => {
    expect(refusals('miniprogram/services/x.ts', "import { formatFen } from '../view-models/format';")).toEqual([expect.stringContaining('miniprogram/view-models/format') as string]);
    expect(refusals('miniprogram/services/x.ts', "import { maskName } from '../core/mask';")).toEqual([]);
  });

  it('keep shipped cloud code from test support and the sandbox, but let tests use them', () => {
    const code = "import { stubFrontMachine } from '../testing/stub-front-machine';\nimport { database } from '../../sandbox/cloud/wx-server-sdk';";
    expect(refusals('cloudfunctions/common/x.ts', code)).toHaveLength(2);
    expect(refusals('cloudfunctions/common/x.test.ts', code)).toEqual([]);
  });

  it('keep the front machine from the cloud and the sandbox, and let it use protocol/ and core/', () => {
    expect(refusals('frontmachine/src/x.ts', "import { startHospital } from '../../sandbox/hospital';")).toHaveLength(1);
    expect(refusals('frontmachine/src/x.ts', "import { sign } from '../../protocol/signature';\nimport { maskName } from '../../miniprogram/core/mask';")).toEqual([]);
  });
});
