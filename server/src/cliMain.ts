/** The `diligence` executable (dist/cli.cjs), and a worker thread of its pool. The commands themselves are in cli.ts. */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { main } from './cli';
import { fileDocument } from './cli/checkFile';
import { recordingSink, type PooledResult } from './cli/pool';

const share = isMainThread ? undefined : (workerData as { diligencePool?: { files: string[] } } | undefined)?.diligencePool;

if (share && parentPort) {
  // a worker of the pool (cli/pool.ts): the same check over its share of the files, sent back
  const port = parentPort;
  const sink = recordingSink();
  main(process.argv.slice(2), () => {}, (s) => port.postMessage({ err: s }), undefined, {
    files: share.files,
    sink,
    done: (results) => port.postMessage({ results: results.map((r): PooledResult => ({ path: r.path, display: r.path, diagnostics: r.diagnostics, entry: sink.entries.get(fileDocument(r.path, '').uri) })) }),
  }).catch((e: unknown) => {
    port.postMessage({ err: `diligence: internal error in a worker thread: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
    process.exitCode = 2;
  });
} else {
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
}
