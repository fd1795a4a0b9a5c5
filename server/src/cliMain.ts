/** The `diligence` executable (dist/cli.cjs). The commands themselves are in cli.ts. */
import { main } from './cli';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    try {
      process.stderr.write(`diligence: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    } catch {
      // standard error is gone too
    }
    process.exitCode = 2;
  },
);
