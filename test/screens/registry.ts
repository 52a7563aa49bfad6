/** Every page's screen states: each file of states/ default-exports one `PageScreens`. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { PageScreens } from './types';

const STATES_DIR = path.join(__dirname, 'states');

export function allPageScreens(): PageScreens[] {
  return readdirSync(STATES_DIR)
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const declared = (require(path.join(STATES_DIR, file)) as { default?: PageScreens }).default;
      if (!declared?.page) throw new Error(`test/screens/states/${file} must default-export { page, states }`);
      return declared;
    });
}
