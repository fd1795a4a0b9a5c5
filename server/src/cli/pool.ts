/**
 * `check` over many files on all cores: a small pool of worker threads (see poolSize; DILIGENCE_JOBS
 * overrides it), each running the same check over its
 * share of the files (the largest first, each to the least loaded worker). The main thread reads
 * the files (their errors in argument order), answers what the results cache has, and prints the
 * results in argument order. The workers request nothing themselves: they ask the main thread's
 * one link checker and GitHub client (./poolRpc.ts), so each URL is requested once per run and the
 * per-host limits hold across the pool. A worker that crashes, or says nothing for
 * DILIGENCE_WORKER_TIMEOUT_MS while not waiting for the main thread, is an error for each of its
 * files not yet checked; the others are printed.
 */
import { availableParallelism } from 'node:os';
import type { Diagnostic } from 'vscode-languageserver-types';
import { fileDocument } from './fileDocument';
import type { FileCache } from './results';
import type { ResultsStore } from './resultsCache';
import type { LinkChecker, TemplateCache, TemplateGitHub } from '../service/index';
import { isPoolCall, poolAnswerer, type PoolHost } from './poolRpc';
import { POOL_WORKER_ENV } from './poolEnv';

/** What a worker sends back for one file. */
export interface PooledResult {
  path: string;
  display: string;
  diagnostics: Diagnostic[];
  /** what the results cache keeps of it (undefined: not kept) */
  entry?: { deps: string[]; expires: number | undefined };
}

/** The part a worker plays in `main` (cliMain.ts starts it with this in workerData). */
export interface WorkerRole {
  files: string[];
  /** collects what the results cache would keep, by document URI */
  sink: ResultsStore & { entries: Map<string, { deps: string[]; expires: number | undefined }> };
  /** the main thread's link checker and GitHub client (./poolRpc.ts); undefined offline */
  remote?: { linkChecker: LinkChecker; templateGitHub: TemplateGitHub } | undefined;
  /** the main thread's template cache when the workers started (TtlCache.serialize) */
  templates?: string | undefined;
  /** one file checked */
  done(results: Array<{ path: string; diagnostics: Diagnostic[] }>): void;
  /** the share is checked: what the worker's template cache holds now, for the main thread's */
  finished(templates: string): void;
}

export { POOL_WORKER_ENV } from './poolEnv';

/** What a worker is started with. */
export interface WorkerData {
  diligencePool: { files: string[]; online: boolean; templates: string };
}

/** What the main thread gives the workers and takes back from them. */
export interface PoolShared {
  host: PoolHost;
  /** the run's template cache: sent to the workers, and what they fetched merged back */
  templates: TemplateCache;
}

/** a worker that says nothing this long while not waiting for the main thread is ended (ms) */
export function workerTimeoutMs(): number {
  const env = Number(process.env['DILIGENCE_WORKER_TIMEOUT_MS']);
  return Number.isFinite(env) && env > 0 ? env : 600_000;
}

/**
 * Bytes of documents a worker must have to pay for itself: a worker loads the tool and warms its
 * code up on its own (about 1.4 s of CPU more than one thread, measured in bench:cli), the time
 * one thread takes over about 300 KB.
 */
export const BYTES_PER_WORKER = 256 * 1024;

/**
 * How many worker threads check files of these sizes (1: none, the main thread checks them):
 * DILIGENCE_JOBS when set; else one per core but one (the main thread reads, answers the
 * workers' requests and prints), one per BYTES_PER_WORKER at most, one per file at most. On a
 * 2-core machine that is none: measured there, two workers cost more than they gained.
 */
export function poolSize(sizes: readonly number[], cores = availableParallelism()): number {
  const env = Number(process.env['DILIGENCE_JOBS']);
  if (Number.isInteger(env) && env >= 1) return Math.max(1, Math.min(env, sizes.length));
  const bytes = sizes.reduce((a, b) => a + b, 0);
  return Math.max(1, Math.min(cores - 1, sizes.length, Math.floor(bytes / BYTES_PER_WORKER)));
}

/** The script a worker runs: this very bundle (none when not run from one, as in the tests through tsx). */
export function workerScript(): string | undefined {
  const s = process.argv[1];
  return s !== undefined && s.endsWith('.cjs') ? s : undefined;
}

/** A results store that keeps nothing but records what would be kept (in a worker). */
export function recordingSink(): WorkerRole['sink'] {
  const entries = new Map<string, { deps: string[]; expires: number | undefined }>();
  return {
    entries,
    key: (uri) => uri,
    get: () => undefined,
    set: (uri, _diagnostics, deps, expires) => void entries.set(uri, { deps: [...deps], expires }),
    save: () => Promise.resolve(),
  };
}

/** Splits files into `jobs` groups of about the same size, the largest first. */
export function shares(files: ReadonlyArray<{ path: string; size: number }>, jobs: number): string[][] {
  const groups = Array.from({ length: jobs }, () => ({ size: 0, files: [] as string[] }));
  for (const f of [...files].sort((a, b) => b.size - a.size)) {
    const g = groups.reduce((a, b) => (b.size < a.size ? b : a));
    g.files.push(f.path);
    g.size += f.size;
  }
  return groups.map((g) => g.files).filter((g) => g.length > 0);
}

/** The results by path, and why the files with none were not checked. */
export interface PoolOutcome {
  results: Map<string, PooledResult>;
  failed: Map<string, string>;
}

/** One worker over its share; settles (never rejects) when it has ended, however it ended. */
function runWorker(Worker: typeof import('node:worker_threads').Worker, script: string, argv: string[], group: string[], shared: PoolShared, answer: ReturnType<typeof poolAnswerer>, out: PoolOutcome, err: (s: string) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const workerData: WorkerData = { diligencePool: { files: group, online: shared.host.linkChecker !== undefined, templates: shared.templates.serialize() } };
    const worker = new Worker(script, { argv, workerData, env: { ...process.env, [POOL_WORKER_ENV]: '1' }, stdout: false, stderr: false });
    let lastHeard = Date.now();
    let waiting = 0;
    let why: string | undefined;
    const limit = workerTimeoutMs();
    const watchdog = setInterval(() => {
      if (waiting > 0 || Date.now() - lastHeard <= limit) return;
      why = `its worker thread gave no answer for ${Math.round(limit / 1000)} s and was stopped`;
      void worker.terminate();
    }, Math.min(1000, limit));
    const port = { postMessage: (m: unknown) => { waiting--; lastHeard = Date.now(); worker.postMessage(m); } };
    worker.on('message', (m: unknown) => {
      lastHeard = Date.now();
      if (isPoolCall(m)) {
        waiting++;
        answer(m, port);
        return;
      }
      const msg = m as { err?: string; results?: PooledResult[]; templates?: string };
      if (msg.err !== undefined) err(msg.err);
      for (const r of msg.results ?? []) out.results.set(r.path, r);
      if (msg.templates !== undefined) shared.templates.loadJSON(msg.templates);
    });
    worker.once('error', (e) => { why ??= `its worker thread failed: ${e.message}`; });
    worker.once('exit', (code) => {
      clearInterval(watchdog);
      for (const f of group) if (!out.results.has(f)) out.failed.set(f, why ?? `its worker thread ended (code ${code}) before checking it`);
      resolve();
    });
  });
}

/** Checks `files` in worker threads running `script` with the command line `argv`. */
export async function checkInWorkers(script: string, argv: string[], files: ReadonlyArray<{ path: string; size: number }>, jobs: number, shared: PoolShared, err: (s: string) => void): Promise<PoolOutcome> {
  const out: PoolOutcome = { results: new Map(), failed: new Map() };
  const answer = poolAnswerer(shared.host);
  const { Worker } = await import('node:worker_threads');
  await Promise.all(shares(files, jobs).map((group) => runWorker(Worker, script, argv, group, shared, answer, out, err)));
  return out;
}

/**
 * The main thread's side of a pooled `check`: reads every file (errors in argument order), takes
 * what the results cache has, has the rest checked in workers, keeps their results in the cache;
 * the results in argument order.
 */
export async function checkPooled(p: {
  files: string[];
  argv: string[];
  script: string;
  read: (path: string) => { text: string } | { error: string };
  display: (path: string) => string;
  cache: FileCache | undefined;
  shared: PoolShared;
  err: (s: string) => void;
}): Promise<{ results: Array<{ path: string; text: string; diagnostics: Diagnostic[] }>; failed: boolean }> {
  let failed = false;
  const todo: Array<{ path: string; text: string; key: string | undefined; diagnostics?: Diagnostic[] }> = [];
  for (const path of p.files) {
    const read = p.read(path);
    if ('error' in read) {
      p.err(`diligence: ${path}: ${read.error}`);
      failed = true;
      continue;
    }
    const key = p.cache?.results.key(fileDocument(path, read.text).uri, read.text);
    const hit = key !== undefined ? p.cache?.results.get(key, Date.now()) : undefined;
    todo.push({ path, text: read.text, key, ...(hit ? { diagnostics: hit } : {}) });
  }
  const left = todo.filter((t) => !t.diagnostics);
  const unique = [...new Map(left.map((t) => [t.path, { path: t.path, size: t.text.length }])).values()];
  const done = unique.length > 0 ? await checkInWorkers(p.script, p.argv, unique, poolSize(unique.map((u) => u.size)), p.shared, p.err) : { results: new Map<string, PooledResult>(), failed: new Map<string, string>() };
  const results: Array<{ path: string; text: string; diagnostics: Diagnostic[] }> = [];
  const said = new Set<string>();
  for (const t of todo) {
    const r = done.results.get(t.path);
    if (!t.diagnostics && !r) {
      // a worker that crashed or was stopped: said for each of its files, the others printed
      if (!said.has(t.path)) p.err(`diligence: ${t.path}: not checked: ${done.failed.get(t.path) ?? 'no result from the worker threads'}`);
      said.add(t.path);
      failed = true;
      continue;
    }
    if (r?.entry && t.key !== undefined) p.cache?.results.set(t.key, r.diagnostics, r.entry.deps, r.entry.expires, Date.now());
    results.push({ path: p.display(t.path), text: t.text, diagnostics: t.diagnostics ?? r!.diagnostics });
  }
  return { results, failed };
}
