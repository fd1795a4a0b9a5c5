/**
 * Evidence-link checks in the server: local diagnostics are published at once (diagnostics.ts);
 * this runs the network checks after them and re-publishes as verdicts arrive. A check is not
 * restarted by an edit: the next one runs when it ends, and finds the unchanged links cached.
 *
 * The GitHub token comes from the client (`diligence/setGitHubToken`, from VS Code's GitHub
 * sign-in) or GITHUB_TOKEN; it only goes into the GitHub client, which sends it to the
 * configured API origin and nowhere else. In an untrusted workspace nothing is requested.
 */
import { join } from 'node:path';
import { CancellationTokenSource, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createGitHubClient, type GitHubClient } from '../node/githubClient';
import { createNodeHttpClient } from '../node/httpClient';
import { fileCacheStorage } from '../node/cacheFile';
import { nodeFileSystem } from '../node/hostAdapters';
import { CancelledError, createLinkChecker, type DiligenceService, LinkCache, type Logger } from '../service/index';
import type { CacheStorage } from '../service/links/index';

export const SET_TOKEN_NOTIFICATION = 'diligence/setGitHubToken';
export const SET_TRUST_NOTIFICATION = 'diligence/setTrusted';

export interface LinkChecksOptions {
  publish: (uri: string) => void;
  logger: Logger;
}

export interface LinkChecks {
  /** storage folder for the cache, trust and token from the client's initialization options */
  init(options: { storagePath?: string; trusted?: boolean }): Promise<void>;
  /** the configuration changed: rebuild the checker if the GitHub API moved */
  reconfigure(): void;
  schedule(uri: string): void;
  cancel(uri: string): void;
  dispose(): Promise<void>;
}

export function registerLinkChecks(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService, opts: LinkChecksOptions): LinkChecks {
  const http = createNodeHttpClient();
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

  const rebuild = (): void => {
    apiUrl = service.config.github.apiUrl;
    github = createGitHubClient({ apiUrl, token });
    service.setLinkChecker(createLinkChecker({ http, github, files: nodeFileSystem, cache, logger: opts.logger }));
  };

  const saveSoon = (): void => {
    if (!storage || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      if (storage) void cache.save(storage).catch((e: unknown) => opts.logger.warn(`could not save the link cache: ${String(e)}`));
    }, 2000);
  };

  const run = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    let wanted = false;
    try {
      wanted = !!doc && service.isDiligenceDocument(doc);
    } catch (e) {
      // a throw here would be an unhandled rejection (`void run(…)`), which ends the process
      opts.logger.error(`link check of ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    }
    if (!doc || !wanted) return;
    const source = new CancellationTokenSource();
    running.set(uri, source);
    try {
      const checked = await service.checkLinks(doc, {
        allowNetwork: trusted,
        onProgress: () => {
          if (progress.has(uri)) return;
          progress.set(uri, setTimeout(() => { progress.delete(uri); opts.publish(uri); }, 300));
        },
      }, source.token);
      if (checked) {
        opts.publish(uri);
        saveSoon();
      }
    } catch (e) {
      if (!(e instanceof CancelledError)) opts.logger.error(`link check of ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    } finally {
      running.delete(uri);
      source.dispose();
      if (again.delete(uri)) void run(uri);
    }
  };

  connection.onNotification(SET_TOKEN_NOTIFICATION, (p: { token?: string | null }) => {
    token = typeof p?.token === 'string' && p.token ? p.token : process.env['GITHUB_TOKEN'] || undefined;
    rebuild();
    for (const d of documents.all()) checks.schedule(d.uri);
  });
  connection.onNotification(SET_TRUST_NOTIFICATION, (p: { trusted?: boolean }) => {
    trusted = p?.trusted === true;
    for (const d of documents.all()) checks.schedule(d.uri);
  });

  const checks: LinkChecks = {
    async init(o) {
      if (o.trusted === false) trusted = false;
      rebuild();
      if (o.storagePath) {
        storage = fileCacheStorage(join(o.storagePath, 'links.json'));
        try {
          await cache.load(storage);
        } catch (e) {
          opts.logger.warn(`could not read the link cache: ${String(e)}`);
        }
      }
    },
    reconfigure() {
      if (service.config.github.apiUrl !== apiUrl) rebuild();
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
      http.close();
    },
  };
  return checks;
}
