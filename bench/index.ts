/** `npm run bench -- <name>`: benchmarks print numbers; they never decide pass or fail. */
import { benchPayments } from './payments';
import { benchReads } from './reads';
import { benchRush } from './rush';

const BENCHES: Record<string, () => Promise<void>> = {
  reads: benchReads,
  rush: benchRush,
  payments: benchPayments,
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const chosen = names.length > 0 ? names : Object.keys(BENCHES);
  for (const name of chosen) {
    const bench = BENCHES[name];
    if (!bench) {
      console.error(`unknown bench "${name}"; choose from: ${Object.keys(BENCHES).join(', ')}`);
      process.exit(2);
    }
    await bench();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
