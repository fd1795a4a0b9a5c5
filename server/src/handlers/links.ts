/**
 * Evidence-link checks in the server: local diagnostics are published at once (diagnostics.ts);
 * this runs the network checks after them and re-publishes as verdicts arrive. A check is not
 * restarted by an edit: the next one runs when it ends, and finds the unchanged links cached.
 *
 * The GitHub token comes from the client (`diligence/setGitHubToken`, from VS Code's GitHub
 * sign-in) or GITHUB_TOKEN; it only goes into the GitHub client, which sends it to the
 * configured API origin and nowhere else. In an untrusted workspace nothing is requested.
 */
import { CancellationTokenSource, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { GitHubClient, NodeHttpClient } from '../node/network';
import { loadNetwork } from '../node/lazyNetwork';
import { openPersistedCache } from '../node/cacheFile';
import { linkRootsFor, nodeFileSystem } from '../node/hostAdapters';
import { CancelledError, createLinkChecker, type DiligenceService, LinkCache, type Logger } from '../service/index';
import type { CacheStorage } from '../service/links/index';
import { CANCEL_LINK_CHECKS_NOTIFICATION, LINK_PROGRESS_NOTIFICATION, type LinkCheckProgress, LINKS_NOT_CHECKED_NOTIFICATION, type LinksNotCheckedParams } from './protocol';

export const SET_TOKEN_NOTIFICATION = 'diligence/setGitHubToken';
export const SET_TRUST_NOTIFICATION = 'diligence/setTrusted';

export interface LinkChecksOptions {
  publish: (uri: string) => void;
  logger: Logger;
  /** Diligence's own notifications to the client (handlers/protocol.ts); dropped for clients that did not ask */
  notify?: (method: string, params: unknown) => void;
  /** the token or the trust changed (evidence discovery follows them) */
  onAuth?: (token: string | undefined, trusted: boolean) => void;
}

export interface LinkChecks {
  /** the workspace folders (file URIs): relative links are checked inside them only */
  setRoots(roots: readonly string[]): void;
  /** storage folder for the cache, trust and token from the client's initialization options */
  init(options: { storagePath?: string; trusted?: boolean }): Promise<void>;
  /** the configuration changed: rebuild the checker if the GitHub API moved */
  reconfigure(): void;
  schedule(uri: string): void;
  cancel(uri: string): void;
  dispose(): Promise<void>;
}

export function registerLinkChecks(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService, opts: LinkChecksOptions): LinkChecks {
  // Octokit and the HTTP client load on first use, after `initialize` has been answered
  let http: NodeHttpClient | undefined;
  /** settles when the link checker for the current settings is in place */
  let ready: Promise<void> = Promise.resolve();
  const cache = new LinkCache();
  let storage: CacheStorage | undefined;
  let trusted = true;
  let token: string | undefined = process.env['GITHUB_TOKEN'] || undefined;
  let github: GitHubClient | undefined;
  let apiUrl = '';
  const running = new Map<string, CancellationTokenSource>();
  const again = new Set<string>();
  const progress = new Map<string, ReturnType<typeof setTimeout>>();
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let runId = 0;
  let workspaceFolders: readonly string[] = [];
  const notify = opts.notify ?? (() => {});
  const progressOf = new Map<string, LinkCheckProgress>();
  /** cancelled from the client's progress notification: published once, complete, when the check stops */
  const userCancelled = new Set<string>();

  const rebuild = (): Promise<void> => {
    apiUrl = service.config.github.apiUrl;
    const wanted = { apiUrl, token };
    ready = loadNetwork().then((net) => {
      // a later rebuild (new token, new API URL) wins
      if (wanted.apiUrl !== apiUrl || wanted.token !== token) return;
      http ??= net.createNodeHttpClient();
      github = net.createGitHubClient(wanted);
      service.setLinkChecker(createLinkChecker({ http, github, files: nodeFileSystem, cache, logger: opts.logger }));
    }).catch((e: unknown) => opts.logger.error(`link checking is unavailable: ${e instanceof Error ? e.message : String(e)}`));
    return ready;
  };

  const saveSoon = (): void => {
    if (!storage || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      if (storage) void cache.save(storage).catch((e: unknown) => opts.logger.warn(`could not save the link cache: ${String(e)}`));
    }, 2000);
  };

  const run = async (uri: string): Promise<void> => {
    const source = new CancellationTokenSource();
    running.set(uri, source);
    await ready;
    const doc = documents.get(uri);
    let wanted = false;
    try {
      wanted = !!doc && service.isDiligenceDocument(doc);
    } catch (e) {
      // a throw here would be an unhandled rejection (`void run(…)`), which ends the process
      opts.logger.error(`link check of ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
    if (!doc || !wanted || source.token.isCancellationRequested) {
      running.delete(uri);
      source.dispose();
      if (again.delete(uri) && documents.get(uri)) void run(uri);
      return;
    }
    const id = ++runId;
    let state: LinkCheckProgress | undefined;
    let cancelled = false;
    try {
      const roots = await linkRootsFor(uri, workspaceFolders);
      const checked = await service.checkLinks(doc, {
        allowNetwork: trusted,
        roots,
        onStart: (total) => {
          state = { uri, id, state: 'begin', done: 0, total };
          progressOf.set(uri, state);
          notify(LINK_PROGRESS_NOTIFICATION, state);
        },
        onProgress: (done, total) => {
          if (state) state = { ...state, state: 'report', done, total };
          if (state) progressOf.set(uri, state);
          if (progress.has(uri)) return;
          // verdicts are published (and progress reported) at most every 300 ms
          progress.set(uri, setTimeout(() => {
            progress.delete(uri);
            opts.publish(uri);
            const p = progressOf.get(uri);
            if (p?.id === id && p.state === 'report') notify(LINK_PROGRESS_NOTIFICATION, p);
          }, 300));
        },
        onNotChecked: (n) => {
          const params: LinksNotCheckedParams = { uri, reason: n.reason, message: n.message, github: n.github === true, authenticated: token !== undefined };
          if (n.resetAt !== undefined) params.resetAt = n.resetAt;
          notify(LINKS_NOT_CHECKED_NOTIFICATION, params);
        },
      }, source.token);
      if (checked) {
        opts.publish(uri);
        saveSoon();
      }
    } catch (e) {
      if (!(e instanceof CancelledError)) opts.logger.error(`link check of ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      else {
        cancelled = true;
        if (userCancelled.delete(uri) && documents.get(uri)) opts.publish(uri);
      }
    } finally {
      running.delete(uri);
      source.dispose();
      userCancelled.delete(uri);
      if (state) notify(LINK_PROGRESS_NOTIFICATION, { ...state, state: 'end', ...(cancelled ? { cancelled: true } : {}) } satisfies LinkCheckProgress);
      if (progressOf.get(uri)?.id === id) progressOf.delete(uri);
      if (again.delete(uri)) void run(uri);
    }
  };

  connection.onNotification(SET_TOKEN_NOTIFICATION, (p: { token?: string | null }) => {
    token = typeof p?.token === 'string' && p.token ? p.token : process.env['GITHUB_TOKEN'] || undefined;
    void rebuild();
    opts.onAuth?.(token, trusted);
    for (const d of documents.all()) checks.schedule(d.uri);
  });
  connection.onNotification(CANCEL_LINK_CHECKS_NOTIFICATION, (p: { uri?: string }) => {
    if (typeof p?.uri !== 'string' || !running.has(p.uri)) return;
    userCancelled.add(p.uri);
    checks.cancel(p.uri);
  });
  connection.onNotification(SET_TRUST_NOTIFICATION, (p: { trusted?: boolean }) => {
    trusted = p?.trusted === true;
    opts.onAuth?.(token, trusted);
    for (const d of documents.all()) checks.schedule(d.uri);
  });

  const checks: LinkChecks = {
    setRoots(roots) {
      workspaceFolders = [...roots];
    },
    async init(o) {
      if (o.trusted === false) trusted = false;
      void rebuild();
      opts.onAuth?.(token, trusted);
      if (o.storagePath) storage = await openPersistedCache(cache, o.storagePath, 'links.json', opts.logger);
    },
    reconfigure() {
      if (service.config.github.apiUrl !== apiUrl) void rebuild();
    },
    schedule(uri) {
      if (running.has(uri)) again.add(uri);
      else void run(uri);
    },
    cancel(uri) {
      running.get(uri)?.cancel();
      again.delete(uri);
      const t = progress.get(uri);
      if (t) clearTimeout(t);
      progress.delete(uri);
    },
    async dispose() {
      for (const s of running.values()) s.cancel();
      if (saveTimer) clearTimeout(saveTimer);
      if (storage) await cache.save(storage).catch(() => {});
      http?.close();
    },
  };
  return checks;
}
