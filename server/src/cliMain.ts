/**
 * The `diligence` executable (dist/cli.cjs), and a worker thread of its pool. It holds only what
 * answers a `check` from the results cache (cli/warm.ts); the commands themselves are in cli.ts,
 * loaded when needed (cli/loadCore.ts: dist/cli-core.cjs).
 */
import { POOL_WORKER_ENV } from './cli/poolEnv';
import type { WorkerData } from './cli/pool';
import { loadCore } from './cli/loadCore';
import { defaultIO } from './cli/output';
import { warmCheck } from './cli/warm';

// node:worker_threads loads only in a worker of the pool (the pool sets POOL_WORKER_ENV in its
// workers' environment; in the main thread, whatever the environment says, isMainThread is true)
if (process.env[POOL_WORKER_ENV] === '1') {
  void import('node:worker_threads').then(async (wt) => {
    const share = wt.isMainThread ? undefined : (wt.workerData as WorkerData | undefined)?.diligencePool;
    if (share && wt.parentPort) (await loadCore()).runWorker(share, wt.parentPort);
    else runMain();
  });
} else {
  runMain();
}

function runMain(): void {
  const argv = process.argv.slice(2);
  const io = defaultIO();
  warmCheck(argv, io)
    .then(async (code) => code ?? (await loadCore()).main(argv, io.out, io.err, io.stdin))
    .then(
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
}
