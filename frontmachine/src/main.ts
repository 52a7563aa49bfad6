/** CLI entry: `npx tsx frontmachine/src/main.ts` runs the front machine from the environment. */
import { loadConfig, startFrontMachine } from './index';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const running = await startFrontMachine(config);
  process.stdout.write(`front machine listening on ${running.url}\n`);
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`front machine failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
