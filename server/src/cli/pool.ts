/**
 * `check` over many files on all cores: a small pool of worker threads (os.availableParallelism(),
 * at most the number of files; DILIGENCE_JOBS overrides it), each running the same check over its
 * share of the files (the largest first, each to the least loaded worker). The main thread reads
 * the files (their errors in argument order), answers what the results cache has, and prints the
 * results in argument order. Used when no request goes over the network (offline, or link checks
 * off): a run that checks links over the network stays in one thread, whose one link cache and
 * network session ask each URL once and hold the per-host limits.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from 'vscode-languageserver-types';
import { fileDocument } from './checkFile';
import type { FileCache } from './results';
import type { ResultsStore } from './resultsCache';

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
  done(results: Array<{ path: string; diagnostics: Diagnostic[] }>): void;
}

export function poolSize(files: number): number {
  const env = Number(process.env['DILIGENCE_JOBS']);
  const n = Number.isInteger(env) && env >= 1 ? env : availableParallelism();
  return Math.max(1, Math.min(n, files));
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

/** Checks `files` in worker threads running `script` with the command line `argv`; by path. */
export async function checkInWorkers(script: string, argv: string[], files: ReadonlyArray<{ path: string; size: number }>, jobs: number, err: (s: string) => void): Promise<Map<string, PooledResult>> {
  const out = new Map<string, PooledResult>();
  await Promise.all(shares(files, jobs).map((group) => new Promise<void>((resolve, reject) => {
    const worker = new Worker(script, { argv, workerData: { diligencePool: { files: group } }, stdout: false, stderr: false });
    worker.on('message', (m: { err?: string; results?: PooledResult[] }) => {
      if (m.err !== undefined) err(m.err);
      for (const r of m.results ?? []) out.set(r.path, r);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a worker thread ended with code ${code}`))));
  })));
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
  err: (s: string) => void;
}): Promise<{ results: Array<{ path: string; text: string; diagnostics: Diagnostic[] }>; unreadable: boolean }> {
  let unreadable = false;
  const todo: Array<{ path: string; text: string; key: string | undefined; diagnostics?: Diagnostic[] }> = [];
  for (const path of p.files) {
    const read = p.read(path);
    if ('error' in read) {
      p.err(`diligence: ${path}: ${read.error}`);
      unreadable = true;
      continue;
    }
    const key = p.cache?.results.key(fileDocument(path, read.text).uri, read.text);
    const hit = key !== undefined ? p.cache?.results.get(key, Date.now()) : undefined;
    todo.push({ path, text: read.text, key, ...(hit ? { diagnostics: hit } : {}) });
  }
  const left = todo.filter((t) => !t.diagnostics);
  const unique = [...new Map(left.map((t) => [t.path, { path: t.path, size: t.text.length }])).values()];
  const done = unique.length > 0 ? await checkInWorkers(p.script, p.argv, unique, poolSize(unique.length), p.err) : new Map<string, PooledResult>();
  const results = todo.map((t) => {
    const r = done.get(t.path);
    if (!t.diagnostics && !r) throw new Error(`no result for ${t.path} from the worker threads`);
    if (r?.entry && t.key !== undefined) p.cache?.results.set(t.key, r.diagnostics, r.entry.deps, r.entry.expires, Date.now());
    return { path: p.display(t.path), text: t.text, diagnostics: t.diagnostics ?? r!.diagnostics };
  });
  return { results, unreadable };
}
