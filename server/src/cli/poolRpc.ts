/**
 * The pool's one network session (issue 21): a worker thread does not request anything itself.
 * It asks the main thread over its port, which answers with the one link checker and the one
 * GitHub client of the run, so each URL is requested once per run (one link cache, one set of
 * requests in flight) and the per-host limits hold across the pool.
 *
 *   worker -> main  { call: id, method: 'links', args: [links, options] }       -> a LinkReport
 *   worker -> main  { call: id, method: 'fileCommits' | 'fileAt', args: [...] } -> an ApiOutcome
 *   main -> worker  { reply: id, value } or { reply: id, error }
 *
 * Only data crosses the port: the links (url and target, each URL once, in document order), the
 * options without their callbacks (`onResult` is called in the worker when the report is back),
 * no cancellation token (a pooled run is never cancelled, a worker is ended instead).
 */
import type { Link } from '../service/model/types';
import { LinkCache, noCancellation, type LinkChecker, type TemplateGitHub } from '../service/index';

/** What the main thread answers with (undefined: nothing is checked over the network). */
export interface PoolHost {
  linkChecker?: LinkChecker | undefined;
  templateGitHub?: TemplateGitHub | undefined;
}

type Method = 'links' | 'fileCommits' | 'fileAt';

export interface PoolCall {
  call: number;
  method: Method;
  args: unknown[];
}

export interface PoolReply {
  reply: number;
  value?: unknown;
  error?: string;
}

export function isPoolCall(m: unknown): m is PoolCall {
  return typeof m === 'object' && m !== null && typeof (m as PoolCall).call === 'number' && typeof (m as PoolCall).method === 'string' && Array.isArray((m as PoolCall).args);
}

/** The part of a message port a side uses. */
export interface Port {
  postMessage(m: unknown): void;
  /** a worker's port keeps it alive only while it waits for an answer */
  ref?(): void;
  unref?(): void;
}

/** The links as the checker reads them: url and target, each URL once, in order. */
export function linksForCall(links: readonly Link[]): Array<Pick<Link, 'url' | 'target'>> {
  const seen = new Set<string>();
  const out: Array<Pick<Link, 'url' | 'target'>> = [];
  for (const l of links) {
    const key = `${l.target}\n${l.url}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ url: l.url, target: l.target });
  }
  return out;
}

/** The worker's side: a link checker and a template GitHub client that ask the main thread. */
export function remoteTools(port: Port): { linkChecker: LinkChecker; templateGitHub: TemplateGitHub; answer(m: PoolReply): void } {
  let next = 0;
  let templateRequests = 0;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const ask = (method: Method, args: unknown[]): Promise<unknown> => new Promise((resolve, reject) => {
    const call = ++next;
    if (waiting.size === 0) port.ref?.();
    waiting.set(call, { resolve, reject });
    port.postMessage({ call, method, args } satisfies PoolCall);
  });
  const linkChecker: LinkChecker = {
    cache: new LinkCache(),
    check: async (links, options, token) => {
      const { onResult, ...data } = options;
      const report = (await ask('links', [linksForCall(links), data])) as Awaited<ReturnType<LinkChecker['check']>>;
      if (token.isCancellationRequested) return report;
      if (onResult) for (const r of report.results.values()) onResult(r);
      return report;
    },
  };
  const templateGitHub: TemplateGitHub = {
    get requestCount() {
      return templateRequests;
    },
    fileCommits: (repo, path, ref) => {
      templateRequests++;
      return ask('fileCommits', [repo, path, ref]) as ReturnType<TemplateGitHub['fileCommits']>;
    },
    fileAt: (repo, path, sha) => {
      templateRequests++;
      return ask('fileAt', [repo, path, sha]) as ReturnType<TemplateGitHub['fileAt']>;
    },
  };
  return {
    linkChecker,
    templateGitHub,
    answer: (m) => {
      const w = waiting.get(m.reply);
      if (!w) return;
      waiting.delete(m.reply);
      if (waiting.size === 0) port.unref?.();
      if (m.error !== undefined) w.reject(new Error(m.error));
      else w.resolve(m.value);
    },
  };
}

/**
 * The main thread's side, one per run: answers a worker's call with the run's tools. The
 * template's requests are asked once per run whatever the number of workers asking.
 */
export function poolAnswerer(host: PoolHost): (m: PoolCall, port: Port) => void {
  const templateAnswers = new Map<string, Promise<unknown>>();
  const run = (m: PoolCall): Promise<unknown> => {
    if (m.method === 'links') {
      if (!host.linkChecker) return Promise.reject(new Error('no link checker in the main thread'));
      const [links, options] = m.args as Parameters<LinkChecker['check']>;
      return host.linkChecker.check(links, options, noCancellation);
    }
    const github = host.templateGitHub;
    if (!github) return Promise.resolve({ ok: false, kind: 'other', message: 'the GitHub API is not available in this run' });
    const key = JSON.stringify([m.method, m.args]);
    let answer = templateAnswers.get(key);
    if (!answer) {
      const [repo, path, x] = m.args as [Parameters<TemplateGitHub['fileAt']>[0], string, string];
      answer = m.method === 'fileCommits' ? github.fileCommits(repo, path, x, noCancellation) : github.fileAt(repo, path, x, noCancellation);
      templateAnswers.set(key, answer);
    }
    return answer;
  };
  return (m, port) => {
    run(m).then(
      (value) => port.postMessage({ reply: m.call, value } satisfies PoolReply),
      (e: unknown) => port.postMessage({ reply: m.call, error: e instanceof Error ? e.message : String(e) } satisfies PoolReply),
    );
  };
}
