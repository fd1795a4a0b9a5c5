/**
 * The template each open document is held to: read once per document (and again when the
 * settings, the token or the trust change) from its sources — the front matter, the settings'
 * file, the workspace checkout, the GitHub API (trusted workspaces only; cached in the storage
 * folder as templates.json) — then the diagnostics are re-published when it changed. Until then,
 * and offline, the built-in criteria stand in (said so in the title hover and the report).
 */
import { CancellationTokenSource, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { openPersistedCache } from '../node/cacheFile';
import { nodeFileSystem } from '../node/hostAdapters';
import { loadNetwork } from '../node/lazyNetwork';
import { CancelledError, type DiligenceService, type Logger, TemplateCache, type TemplateGitHub } from '../service/index';
import type { CacheStorage } from '../service/links/index';

export interface TemplateChecks {
  init(options: { storagePath?: string }): Promise<void>;
  auth(token: string | undefined, trusted: boolean): void;
  reconfigure(): void;
  schedule(uri: string): void;
  forget(uri: string): void;
  dispose(): Promise<void>;
}

export function registerTemplates(documents: TextDocuments<TextDocument>, service: DiligenceService, opts: { publish: (uri: string) => void; logger: Logger }): TemplateChecks {
  const cache = new TemplateCache();
  let storage: CacheStorage | undefined;
  let token: string | undefined = process.env['GITHUB_TOKEN'] || undefined;
  let trusted = true;
  let github: Promise<TemplateGitHub | undefined> = Promise.resolve(undefined);
  const done = new Set<string>();

  const rebuild = (): void => {
    const wanted = { apiUrl: service.config.github.apiUrl, token };
    github = loadNetwork().then((net) => net.createEvidenceGitHub({ ...wanted, logger: opts.logger }) as TemplateGitHub).catch((e: unknown) => {
      opts.logger.error(`the GitHub API is unavailable for templates: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    });
    done.clear();
  };

  const run = async (uri: string): Promise<void> => {
    const gh = await github;
    const doc = documents.get(uri);
    if (!doc || done.has(uri) || !service.isDiligenceDocument(doc)) return;
    done.add(uri);
    service.templates.setSources({ files: nodeFileSystem, ...(gh ? { github: gh } : {}), cache, now: () => Date.now() });
    const source = new CancellationTokenSource();
    try {
      const before = gh?.requestCount ?? 0;
      await service.resolveTemplate(doc, { allowNetwork: trusted && service.config.links.enabled, history: true }, source.token);
      opts.publish(uri);
      if (storage && (gh?.requestCount ?? 0) > before) await cache.save(storage).catch((e: unknown) => opts.logger.warn(`could not save the template cache: ${String(e)}`));
    } catch (e) {
      done.delete(uri);
      if (!(e instanceof CancelledError)) opts.logger.error(`reading the template for ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    } finally {
      source.dispose();
    }
  };

  return {
    async init(o) {
      rebuild();
      if (o.storagePath) storage = await openPersistedCache(cache, o.storagePath, 'templates.json', opts.logger);
    },
    auth(t, tr) {
      if (t === token && tr === trusted) return;
      token = t;
      trusted = tr;
      rebuild();
      for (const d of documents.all()) void run(d.uri);
    },
    reconfigure() {
      rebuild();
      for (const d of documents.all()) void run(d.uri);
    },
    schedule(uri) {
      if (!done.has(uri)) void run(uri);
    },
    forget(uri) {
      done.delete(uri);
    },
    async dispose() {
      if (storage) await cache.save(storage).catch(() => {});
    },
  };
}
