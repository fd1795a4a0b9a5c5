/**
 * Evidence discovery in the server: after a document's local diagnostics, the evidence of its
 * repositories is discovered (cached per repository, persisted beside the link cache) and the
 * diagnostics are re-published when it changed. Gated like the link checks: nothing is requested
 * in an untrusted workspace or with links/evidence turned off. Also the requests of the
 * "New due-diligence document…" and "Open GitHub issue from TODOs…" commands.
 */
import { CancellationTokenSource, type Connection, ErrorCodes, ResponseError, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { openPersistedCache } from '../node/cacheFile';
import { loadNetwork } from '../node/lazyNetwork';
import type { NodeHttpClient } from '../node/network';
import { CancelledError, createEvidenceDiscoverer, type DiligenceService, EvidenceCache, type Logger, templateLocation } from '../service/index';
import type { CacheStorage } from '../service/links/index';

export const DISCOVER_EVIDENCE_REQUEST = 'diligence/discoverEvidence';
export const NEW_DOCUMENT_REQUEST = 'diligence/newDocument';
export const TEMPLATE_PROFILES_REQUEST = 'diligence/templateProfiles';
export const OPEN_ISSUE_REQUEST = 'diligence/openIssueFromTodos';

export interface EvidenceChecks {
  init(options: { storagePath?: string }): Promise<void>;
  /** the token or trust changed (from the link checks' notifications) */
  auth(token: string | undefined, trusted: boolean): void;
  reconfigure(): void;
  schedule(uri: string): void;
  dispose(): Promise<void>;
}

export function registerEvidence(connection: Connection, documents: TextDocuments<TextDocument>, service: DiligenceService, opts: { publish: (uri: string) => void; logger: Logger }): EvidenceChecks {
  let http: NodeHttpClient | undefined;
  /** settles when the discoverer for the current settings is in place (Octokit loads on first use) */
  let ready: Promise<void> = Promise.resolve();
  const cache = new EvidenceCache();
  let storage: CacheStorage | undefined;
  let token: string | undefined = process.env['GITHUB_TOKEN'] || undefined;
  let trusted = true;
  let apiUrl = '';
  const running = new Set<string>();
  const again = new Set<string>();
  const last = new Map<string, string>();

  const rebuild = (): void => {
    apiUrl = service.config.github.apiUrl;
    const wanted = { apiUrl, token };
    ready = loadNetwork().then((net) => {
      if (wanted.apiUrl !== apiUrl || wanted.token !== token) return; // a later rebuild wins
      http ??= net.createNodeHttpClient();
      const github = net.createEvidenceGitHub({ apiUrl: wanted.apiUrl, token: wanted.token, logger: opts.logger });
      service.evidence.setDiscoverer(createEvidenceDiscoverer({ github, http, cache, logger: opts.logger }));
    }).catch((e: unknown) => opts.logger.error(`evidence discovery is unavailable: ${e instanceof Error ? e.message : String(e)}`));
  };

  const run = async (uri: string): Promise<void> => {
    await ready;
    const doc = documents.get(uri);
    if (!doc || !service.isDiligenceDocument(doc)) return;
    running.add(uri);
    const source = new CancellationTokenSource();
    try {
      const d = await service.evidence.discover(doc, { allowNetwork: trusted }, source.token);
      const key = JSON.stringify(d ?? null);
      if (last.get(uri) !== key) {
        last.set(uri, key);
        opts.publish(uri);
        if (storage && d?.results.some((r) => !r.fromCache)) await cache.save(storage).catch((e: unknown) => opts.logger.warn(`could not save the evidence cache: ${String(e)}`));
      }
    } catch (e) {
      if (!(e instanceof CancelledError)) opts.logger.error(`evidence discovery for ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    } finally {
      running.delete(uri);
      source.dispose();
      if (again.delete(uri)) void run(uri);
    }
  };

  const doc = (uri: unknown): TextDocument | ResponseError<void> => documents.get(String(uri)) ?? new ResponseError(ErrorCodes.InvalidParams, `unknown document: ${String(uri)}`);
  const untrusted = (): ResponseError<void> => new ResponseError(ErrorCodes.InvalidRequest, 'not in an untrusted workspace: Diligence makes no network request there');

  connection.onRequest(DISCOVER_EVIDENCE_REQUEST, async (p: { uri: string }, ct) => {
    const d = doc(p?.uri);
    if (d instanceof ResponseError) return d;
    const result = await service.evidence.discover(d, { allowNetwork: trusted }, ct);
    opts.publish(d.uri);
    return result ?? null;
  });
  connection.onRequest(TEMPLATE_PROFILES_REQUEST, () =>
    service.profiles().map((p) => ({ id: p.id, name: p.name, stage: p.stage, foundation: p.foundation, template: templateLocation(p, service.config.templates) ?? null })));
  connection.onRequest(NEW_DOCUMENT_REQUEST, async (p: { profile?: unknown; project?: unknown; level?: unknown; reviewer?: unknown; date?: unknown }, ct) => {
    if (!trusted) return untrusted();
    if (typeof p?.profile !== 'string' || typeof p.project !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'profile and project are needed');
    const r = await service.evidence.newDocument({
      profile: p.profile,
      project: p.project,
      ...(typeof p.level === 'string' ? { level: p.level } : {}),
      reviewer: typeof p.reviewer === 'string' && p.reviewer ? p.reviewer : service.config.reviewer.name,
      ...(typeof p.date === 'string' ? { date: p.date } : {}),
    }, ct);
    return r.ok ? r.value : new ResponseError(ErrorCodes.InvalidRequest, r.message);
  });
  connection.onRequest(OPEN_ISSUE_REQUEST, async (p: { uri?: unknown; owner?: unknown; repo?: unknown; title?: unknown; documentUrl?: unknown }, ct) => {
    if (!trusted) return untrusted();
    const d = doc(p?.uri);
    if (d instanceof ResponseError) return d;
    if (typeof p.owner !== 'string' || typeof p.repo !== 'string') return new ResponseError(ErrorCodes.InvalidParams, 'owner and repo are needed');
    const r = await service.evidence.openIssue(d, {
      uri: d.uri, owner: p.owner, repo: p.repo,
      ...(typeof p.title === 'string' ? { title: p.title } : {}),
      ...(typeof p.documentUrl === 'string' ? { documentUrl: p.documentUrl } : {}),
    }, ct);
    return r.ok ? r.value : new ResponseError(ErrorCodes.InvalidRequest, r.message);
  });

  const checks: EvidenceChecks = {
    async init(o) {
      rebuild();
      if (o.storagePath) storage = await openPersistedCache(cache, o.storagePath, 'evidence.json', opts.logger);
    },
    auth(t, tr) {
      const changed = t !== token || tr !== trusted;
      token = t;
      trusted = tr;
      if (!changed) return;
      rebuild();
      for (const d of documents.all()) checks.schedule(d.uri);
    },
    reconfigure() {
      if (service.config.github.apiUrl !== apiUrl) rebuild();
    },
    schedule(uri) {
      if (running.has(uri)) again.add(uri);
      else void run(uri);
    },
    async dispose() {
      if (storage) await cache.save(storage).catch(() => {});
      http?.close();
    },
  };
  return checks;
}
