/** Page tests render the real Vant components from miniprogram_npm: build it first (skipped when up to date). */
import { packNpm } from '../../scripts/pack-npm';

export default async function globalSetup(): Promise<void> {
  await packNpm({ log: () => undefined });
}
