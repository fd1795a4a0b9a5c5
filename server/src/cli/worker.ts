/** A worker thread of the pool (cli/pool.ts), started by cliMain.ts: the same check over its share of the files. */
import type { MessagePort } from 'node:worker_threads';
import { main } from '../cli';
import { fileDocument } from './fileDocument';
import { recordingSink, type PooledResult, type WorkerData } from './pool';
import { remoteTools, type PoolReply } from './poolRpc';

/** Checks the share, sending the results back file by file; its requests go to the main thread (cli/poolRpc.ts). */
export function runWorker(share: WorkerData['diligencePool'], port: MessagePort): void {
  const sink = recordingSink();
  const remote = remoteTools(port);
  port.on('message', (m: PoolReply) => remote.answer(m));
  // the main thread's requests keep the worker alive, not this port
  port.unref();
  main(process.argv.slice(2), () => {}, (s) => port.postMessage({ err: s }), undefined, {
    files: share.files,
    sink,
    ...(share.online ? { remote } : {}),
    templates: share.templates,
    done: (results) => {
      failForTests(results);
      port.postMessage({ results: results.map((r): PooledResult => ({ path: r.path, display: r.path, diagnostics: r.diagnostics, entry: sink.entries.get(fileDocument(r.path, '').uri) })) });
    },
    finished: (templates) => port.postMessage({ templates }),
  }).catch((e: unknown) => {
    port.postMessage({ err: `diligence: internal error in a worker thread: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` });
    process.exitCode = 2;
  });
}

/**
 * The tests' way to make a worker crash or hang (test/cli/poolNetwork.test.ts): with
 * DILIGENCE_TEST_WORKER_FAULT=crash:NAME or hang:NAME, the worker that checked the file NAME
 * ends or loops instead of sending its result. Nothing else reads it.
 */
function failForTests(results: ReadonlyArray<{ path: string }>): void {
  const fault = /^(crash|hang):(.+)$/.exec(process.env['DILIGENCE_TEST_WORKER_FAULT'] ?? '');
  if (!fault || !results.some((r) => r.path.endsWith(fault[2]!))) return;
  if (fault[1] === 'crash') process.exit(3);
  for (;;) {
    // hangs: the main thread's watchdog stops it
  }
}
