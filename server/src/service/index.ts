/**
 * The Diligence language service: the pure core. It knows due-diligence documents, their
 * criteria, TODOs, placeholders and evidence; it does not know VS Code, the LSP connection or
 * Node. Hosts (the LSP server, the CLI, tests) create one with what it needs from the outside.
 *
 * Every feature reads the same model, cached per document version and dropped on close.
 */
import type { CodeAction, CodeLens, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { Code } from './codes';
import { DEFAULT_CONFIG, type DiligenceConfig } from './config';
import { compileFileGlobs } from './files';
import { codeActions as computeCodeActions, fillAllEdits } from './features/codeActions';
import { codeLenses as computeCodeLenses } from './features/codeLens';
import { completion as computeCompletion } from './features/completion';
import { DIAGNOSTIC_SOURCE, localFindings, toDiagnostics } from './features/diagnostics';
import { foldingRanges as computeFolding } from './features/folding';
import { hover as computeHover, type LinkHoverInfo } from './features/hover';
import { buildReport, reportToMarkdown as baseReportToMarkdown, todoOwners, type ReadinessReport } from './features/report';
import { documentSymbols as computeSymbols } from './features/symbols';
import type { Finding } from './findings';
import { CancelledError, type CancellationToken, type Clock, type Logger, silentLogger, systemClock, throwIfCancelled } from './host';
import { analyzeIncremental, BlockTooLongError, buildFromChunks, ChunkReparse, type ParsedChunk } from './model/index';
import type { DiligenceModel } from './model/types';
import { compileIgnore, describeLinkResult, linkFindings, linksToCheck, type LinkChecker, type LinkReport, type NotChecked } from './links/index';
import { longestBlock, MAX_BLOCK_CHARS } from './model/limits';
import type { PlaceholderContext } from './placeholderValues';
import { createEvidenceFeature, type EvidenceFeature } from './evidence/feature';
import type { EvidenceDiscoverer } from './evidence/discover';
import { evidenceReportToMarkdown, type EvidenceReport } from './evidence/report';
import { draftSummaryActions } from './features/summaryDraft';
import { todosForOwner as computeTodosForOwner, type OwnerTodos } from './features/todosForOwner';
import { mergeProfiles } from './profiles/builtin';
import { matchProfile } from './profiles/match';
import { projectRepositories, type RepositorySource } from './profiles/repositories';
import type { EvidenceItem, Profile, ProfileMatch } from './profiles/types';
import { createTemplateFeature, type TemplateFeature, type TemplateState } from './template/feature';
import { describeTemplate } from './template/report';

export interface ServiceDocument {
  readonly uri: string;
  /** a version that changes with the text; documents read from disk can pass -1 (never cached) */
  readonly version: number;
  getText(): string;
}

/** More findings for a document, from outside the local rules (the link checker). */
export type FindingProvider = (uri: string, model: DiligenceModel) => readonly Finding[];

export interface DiligenceServiceOptions {
  clock?: Clock;
  logger?: Logger;
  config?: DiligenceConfig;
  /** checks evidence links over the network; without one, links are only checked locally */
  linkChecker?: LinkChecker;
  /**
   * Lets the host run other work (incoming messages) during a long `analyse`; without it
   * `analyse` runs to the end at once, like `getModel`.
   */
  yieldToHost?: () => Promise<void>;
  /** discovers evidence in the project's repositories; without one, nothing is discovered */
  evidenceDiscoverer?: EvidenceDiscoverer;
}

/** What the service did, for the host's statistics and the benchmark. */
export interface AnalysisStats {
  /** models built */
  analyses: number;
  /** analyses given up because a newer version (or a close) came first */
  superseded: number;
  /** chunks parsed, and chunks reused from an earlier version */
  chunksParsed: number;
  chunksReused: number;
}

export interface LinkCheckOptions {
  /** false in an untrusted workspace: no request at all, one links-not-checked finding */
  allowNetwork: boolean;
  /** called as verdicts arrive (the host re-publishes diagnostics, throttled): distinct links with a verdict / to check */
  onProgress?: (done: number, total: number) => void;
  /** called once the links to check are known, before any request */
  onStart?: (total: number) => void;
  /** called at the end when some links could not be checked (rate limit, offline, untrusted, cancelled) */
  onNotChecked?: (notChecked: NotChecked) => void;
}

export interface DiligenceService {
  readonly config: DiligenceConfig;
  configure(config: DiligenceConfig): void;
  /** undefined when the document is larger than `maxDocumentSize` */
  getModel(doc: ServiceDocument): DiligenceModel | undefined;
  /**
   * The same, built in steps that yield to the host (`yieldToHost`), so a long parse does not
   * block it. A newer version (`analyse` or `getModel` of it) or a cancelled token gives this
   * one up (CancelledError); the chunks it parsed are kept for the next one.
   */
  analyse(doc: ServiceDocument, token?: CancellationToken): Promise<DiligenceModel | undefined>;
  readonly stats: AnalysisStats;
  /** Whether a markdown document is a due-diligence document: its path matches `diligence.files`, or it looks like one. */
  isDiligenceDocument(doc: ServiceDocument): boolean;
  findings(doc: ServiceDocument, token?: CancellationToken): Finding[];
  diagnostics(doc: ServiceDocument, token?: CancellationToken): Diagnostic[];
  hover(doc: ServiceDocument, position: Position, token?: CancellationToken): Hover | null;
  codeActions(doc: ServiceDocument, range: Range, only?: string[], token?: CancellationToken): CodeAction[];
  documentSymbols(doc: ServiceDocument, token?: CancellationToken): DocumentSymbol[];
  codeLenses(doc: ServiceDocument, token?: CancellationToken): CodeLens[];
  foldingRanges(doc: ServiceDocument, token?: CancellationToken): FoldingRange[];
  completion(doc: ServiceDocument, position: Position, token?: CancellationToken): CompletionItem[];
  /** with `evidence`, the report's per-criterion rows show what the detectors found */
  report(doc: ServiceDocument, evidence?: readonly EvidenceItem[]): (ReadinessReport & { evidence?: EvidenceReport }) | undefined;
  /** the user's profiles (from `diligence.profiles`), added to the built-in ones */
  setUserProfiles(profiles: readonly Profile[]): void;
  /** built-in and user profiles */
  profiles(): readonly Profile[];
  /** the profile the document follows, its criteria recognised (undefined: none fits) */
  profileMatch(doc: ServiceDocument): ProfileMatch | undefined;
  /** the project's repositories ("owner/name") and where they come from */
  repositories(doc: ServiceDocument): { repositories: string[]; source: RepositorySource };
  /** owners with open TODOs, most first */
  todoOwners(doc: ServiceDocument): Array<{ owner: string; count: number }>;
  /** one owner's open TODOs as a markdown list linking back to their lines */
  todosForOwner(doc: ServiceDocument, owner: string, linkBase?: string): OwnerTodos | undefined;
  fillAllPlaceholders(doc: ServiceDocument): TextEdit[];
  addFindingProvider(provider: FindingProvider): void;
  /** replaces the link checker (new token or GitHub API URL); undefined turns network checks off */
  setLinkChecker(checker: LinkChecker | undefined): void;
  /**
   * Checks the document's evidence links; their findings join the document's findings as they
   * arrive. Resolves when every link has a verdict (false when there is nothing to check).
   */
  checkLinks(doc: ServiceDocument, options: LinkCheckOptions, token: CancellationToken): Promise<boolean>;
  setLinkHoverInfo(info: LinkHoverInfo | undefined): void;
  /** evidence discovery, its findings, hover, quick fixes, report section, new documents, issues */
  readonly evidence: EvidenceFeature;
  /** the template each document is held to: where it comes from, alignment, findings, edits */
  readonly templates: TemplateFeature;
  /** reads the document's template from its sources (front matter, file, workspace, GitHub) */
  resolveTemplate(doc: ServiceDocument, options: { allowNetwork: boolean; history: boolean }, token: CancellationToken): Promise<TemplateState | undefined>;
  closeDocument(uri: string): void;
}

/** how long `analyse` works between two yields to the host */
const YIELD_EVERY_MS = 8;

interface InFlight {
  version: number;
  reparse: ChunkReparse;
  /** set when a newer analysis took over (it has the chunks) */
  abandoned: boolean;
  promise: Promise<DiligenceModel | undefined>;
}

interface Entry {
  /** the version `model` is for */
  version: number;
  model: DiligenceModel | undefined;
  /** its chunks, for the next version to reuse (undefined once handed over) */
  chunks: ParsedChunk[] | undefined;
  /** an `analyse` of a newer version, under way */
  inflight?: InFlight;
}

const DD_SIGNS = /due\s+diligence|evaluation\s+summary|\*\*\s*TODO\s+for\s|\$TOCMEMBER|<!--\s*\((?:TOC|TAC)\s+Evaluation/i;

export function createDiligenceService(options: DiligenceServiceOptions = {}): DiligenceService {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  let config = options.config ?? DEFAULT_CONFIG;
  let matchesFiles = compileFileGlobs(config.files);
  const cache = new Map<string, Entry>();
  const stats: AnalysisStats = { analyses: 0, superseded: 0, chunksParsed: 0, chunksReused: 0 };
  const yieldToHost = options.yieldToHost;
  const providers: FindingProvider[] = [];
  let linkChecker = options.linkChecker;
  /** the latest (possibly partial) link report per document */
  const linkReports = new Map<string, LinkReport>();
  const linkResultInfo: LinkHoverInfo = (url) => {
    for (const report of linkReports.values()) {
      const r = report.results.get(url);
      if (r) return describeLinkResult(r, clock.now().getTime());
    }
    return undefined;
  };
  let linkHoverInfo: LinkHoverInfo | undefined = linkResultInfo;
  let profiles: readonly Profile[] = mergeProfiles([]);
  /** per model (a new version is a new model): its profile match */
  let matches = new WeakMap<DiligenceModel, { match: ProfileMatch | undefined }>();
  const profileOf = (model: DiligenceModel): ProfileMatch | undefined => {
    const hit = matches.get(model);
    if (hit) return hit.match;
    const match = matchProfile(model, profiles);
    matches.set(model, { match });
    return match;
  };
  const tpl = createTemplateFeature({ config: () => config, match: (m) => profileOf(m), now: () => clock.now().getTime() });
  /** extra lines for the title hover: the profile, the template and the repositories */
  const titleLines = (uri: string, model: DiligenceModel): string[] => {
    const m = profileOf(model);
    const r = projectRepositories(model, config);
    const t = tpl.report(uri, model);
    return [
      ...(t ? [`- Template: ${describeTemplate(t)}${t.basedOn ? `; ${t.basedOn.summary}` : ''}`] : []),
      `- Profile: ${m ? `${m.profile.name} (${m.criteria.filter(Boolean).length}/${model.criteria.length} criteria recognised)` : 'none recognised'}`,
      `- Repositories: ${r.repositories.length ? r.repositories.map((x) => `\`${x}\``).join(', ') : 'none found'}${r.source === 'document' ? ' (inferred from the document)' : r.source === 'front-matter' ? ' (front matter)' : r.source === 'settings' ? ' (settings)' : ''}`,
    ];
  };
  const ev = createEvidenceFeature({ getModel: (d) => getModel(d), config: () => config, clock, match: (m) => profileOf(m), profiles: () => profiles, ...(options.evidenceDiscoverer ? { discoverer: options.evidenceDiscoverer } : {}) });

  /**
   * The chunks of the last analysis, for the next one to reuse (and consume). An analysis in
   * flight is given up and hands over what it has.
   */
  const takeChunks = (entry: Entry | undefined): ParsedChunk[] | undefined => {
    if (!entry) return undefined;
    const f = entry.inflight;
    if (f) {
      entry.inflight = undefined;
      f.abandoned = true;
      stats.superseded++;
      return f.reparse.leftovers();
    }
    const chunks = entry.chunks;
    entry.chunks = undefined;
    return chunks;
  };

  const count = (chunks: readonly ParsedChunk[], previous: readonly ParsedChunk[] | undefined): void => {
    const old = new Set(previous?.map((c) => c.nodes));
    for (const c of chunks) {
      if (old.has(c.nodes)) stats.chunksReused++;
      else stats.chunksParsed++;
    }
  };

  const tooLarge = (doc: ServiceDocument, text: string): boolean => {
    if (text.length <= config.maxDocumentSize) return false;
    logger.info(`not analysing ${doc.uri}: ${text.length} characters is over diligence.maxDocumentSize (${config.maxDocumentSize})`);
    return true;
  };

  const getModel = (doc: ServiceDocument): DiligenceModel | undefined => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version && doc.version >= 0) return hit.model;
    const text = doc.getText();
    let model: DiligenceModel | undefined;
    let chunks: ParsedChunk[] | undefined;
    if (!tooLarge(doc, text)) {
      const t0 = Date.now();
      // the previous version's chunks are handed over (and consumed): unchanged ones are reused
      const previous = takeChunks(hit);
      try {
        ({ model, chunks } = analyzeIncremental(text, previous, MAX_BLOCK_CHARS));
        stats.analyses++;
        count(chunks, previous);
        logger.debug(`analysed ${doc.uri} v${doc.version} (${text.length} chars) in ${Date.now() - t0} ms`);
      } catch (e) {
        if (!(e instanceof BlockTooLongError)) throw e;
        logger.info(`not analysing ${doc.uri}: ${skippedBecause(text)}`);
      }
    } else {
      takeChunks(hit);
    }
    if (doc.version >= 0) cache.set(doc.uri, { version: doc.version, model, chunks });
    return model;
  };

  const analyse = (doc: ServiceDocument, token?: CancellationToken): Promise<DiligenceModel | undefined> => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version && doc.version >= 0) return Promise.resolve(hit.model);
    if (hit?.inflight && hit.inflight.version === doc.version) return hit.inflight.promise;
    const text = doc.getText();
    if (!yieldToHost || doc.version < 0 || tooLarge(doc, text)) {
      try {
        return Promise.resolve(getModel(doc));
      } catch (e) {
        return Promise.reject(e);
      }
    }
    const entry: Entry = hit ?? { version: Number.NEGATIVE_INFINITY, model: undefined, chunks: undefined };
    cache.set(doc.uri, entry);
    const previous = takeChunks(entry);
    const reparse = new ChunkReparse(text, previous, MAX_BLOCK_CHARS);
    const f: InFlight = { version: doc.version, reparse, abandoned: false, promise: Promise.resolve(undefined) };
    entry.inflight = f;
    const t0 = Date.now();
    f.promise = (async () => {
      let last = Date.now();
      while (!reparse.step()) {
        if (Date.now() - last < YIELD_EVERY_MS) continue;
        await yieldToHost();
        last = Date.now();
        if (f.abandoned) {
          // given up for a newer request; if that was this very version, its model is there
          const now = cache.get(doc.uri);
          if (now && now.version === f.version) return now.model;
          throw new CancelledError();
        }
        if (token?.isCancellationRequested) {
          entry.inflight = undefined;
          f.abandoned = true;
          stats.superseded++;
          entry.chunks = reparse.leftovers();
          throw new CancelledError();
        }
      }
      if (reparse.tooLongBlock !== undefined) {
        logger.info(`not analysing ${doc.uri}: ${skippedBecause(text)}`);
        entry.inflight = undefined;
        entry.version = doc.version;
        entry.model = undefined;
        entry.chunks = undefined;
        return undefined;
      }
      const chunks = reparse.result();
      const model = buildFromChunks(text, chunks);
      stats.analyses++;
      count(chunks, previous);
      entry.inflight = undefined;
      entry.version = doc.version;
      entry.model = model;
      entry.chunks = chunks;
      logger.debug(`analysed ${doc.uri} v${doc.version} (${text.length} chars) in ${Date.now() - t0} ms, in steps`);
      return model;
    })();
    return f.promise;
  };

  /** Why a document is not analysed (the document-too-large diagnostic says it). */
  const skippedBecause = (text: string): string => text.length > config.maxDocumentSize
    ? `${text.length.toLocaleString('en')} characters is more than diligence.maxDocumentSize (${config.maxDocumentSize.toLocaleString('en')})`
    : `a block of ${longestBlock(text).toLocaleString('en')} characters without a blank line is more than the parser handles in good time (${MAX_BLOCK_CHARS.toLocaleString('en')})`;

  const placeholderContext = (model: DiligenceModel): PlaceholderContext => ({ model, reviewerName: config.reviewer.name, today: clock.now() });

  const findings = (doc: ServiceDocument, token?: CancellationToken): Finding[] => {
    const model = getModel(doc);
    throwIfCancelled(token);
    if (!model) return [];
    // levels the document does not state come from its template
    const out = localFindings(tpl.levelled(doc.uri, model), config, clock.now());
    out.push(...tpl.findings(doc.uri, model));
    const report = linkReports.get(doc.uri);
    if (report && config.links.enabled) out.push(...linkFindings(model, report));
    for (const p of providers) out.push(...p(doc.uri, model));
    if (config.links.enabled) out.push(...ev.findings(doc.uri, model));
    return out;
  };

  return {
    get config() {
      return config;
    },
    configure(next) {
      const sizeChanged = next.maxDocumentSize !== config.maxDocumentSize;
      config = next;
      matchesFiles = compileFileGlobs(config.files);
      if (sizeChanged) {
        for (const e of cache.values()) takeChunks(e);
        cache.clear();
      }
    },
    getModel,
    analyse,
    get stats() {
      return { ...stats };
    },
    isDiligenceDocument(doc) {
      if (matchesFiles(doc.uri)) return true;
      const model = getModel(doc);
      if (!model) return DD_SIGNS.test(doc.getText().slice(0, 20_000));
      return model.criteria.length > 0 || model.todos.length > 0 || DD_SIGNS.test(model.text.slice(0, 20_000));
    },
    findings,
    diagnostics(doc, token) {
      const model = getModel(doc);
      if (!model) {
        if (!config.diagnostics.enabled || config.diagnostics.severity[Code.documentTooLarge] === 'off') return [];
        return [{
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          code: Code.documentTooLarge,
          source: DIAGNOSTIC_SOURCE,
          message: `Diligence skipped this document: ${skippedBecause(doc.getText())}`,
        }];
      }
      return toDiagnostics(model, findings(doc, token), config);
    },
    hover(doc, position, token) {
      const model = getModel(doc);
      throwIfCancelled(token);
      return model ? ev.extendHover(doc.uri, model, position, computeHover(model, position, placeholderContext(model), linkHoverInfo, () => titleLines(doc.uri, model))) : null;
    },
    codeActions(doc, range, only, token) {
      const model = getModel(doc);
      if (!model) return [];
      const f = findings(doc, token);
      throwIfCancelled(token);
      return [
        ...ev.codeActions(doc.uri, model, f, range, only),
        ...computeCodeActions(model, f, { uri: doc.uri, range, ...(only ? { only } : {}) }, placeholderContext(model), config),
        ...draftSummaryActions(model, doc.uri, range, only),
        ...tpl.codeActions(doc.uri, model, f, range, only),
      ];
    },
    documentSymbols(doc, token) {
      const model = getModel(doc);
      throwIfCancelled(token);
      return model ? computeSymbols(model) : [];
    },
    codeLenses(doc, token) {
      const model = getModel(doc);
      throwIfCancelled(token);
      return model ? computeCodeLenses(model, doc.uri) : [];
    },
    foldingRanges(doc, token) {
      const model = getModel(doc);
      throwIfCancelled(token);
      return model ? computeFolding(model) : [];
    },
    completion(doc, position, token) {
      const model = getModel(doc);
      throwIfCancelled(token);
      return model ? computeCompletion(model, position, placeholderContext(model)) : [];
    },
    report(doc, evidence) {
      const model = getModel(doc);
      // the evidence discovered for this document fills the "evidence found" column unless given
      // (only when some repository was examined: otherwise nothing was looked for)
      const items = evidence ?? (ev.discovery(doc.uri)?.results.some((r) => !r.error) ? ev.items(doc.uri) : undefined);
      return model ? ev.extendReport(doc.uri, buildReport(tpl.levelled(doc.uri, model), { match: profileOf(model), repositories: projectRepositories(model, config), template: tpl.report(doc.uri, model), ...(items ? { evidence: items } : {}) })) : undefined;
    },
    setUserProfiles(user) {
      profiles = mergeProfiles(user);
      matches = new WeakMap();
    },
    profiles() {
      return profiles;
    },
    profileMatch(doc) {
      const model = getModel(doc);
      return model ? profileOf(model) : undefined;
    },
    repositories(doc) {
      const model = getModel(doc);
      return model ? projectRepositories(model, config) : { repositories: [], source: 'none' };
    },
    todoOwners(doc) {
      const model = getModel(doc);
      return model ? todoOwners(model).map(({ owner, count }) => ({ owner, count })) : [];
    },
    todosForOwner(doc, owner, linkBase) {
      const model = getModel(doc);
      return model ? computeTodosForOwner(model, doc.uri, owner, linkBase) : undefined;
    },
    fillAllPlaceholders(doc) {
      const model = getModel(doc);
      return model ? fillAllEdits(model, placeholderContext(model)) : [];
    },
    addFindingProvider(provider) {
      providers.push(provider);
    },
    setLinkHoverInfo(info) {
      linkHoverInfo = info ?? linkResultInfo;
    },
    setLinkChecker(checker) {
      linkChecker = checker;
    },
    async checkLinks(doc, opts, token) {
      const model = getModel(doc);
      if (!model || !linkChecker || !config.links.enabled) return false;
      const links = linksToCheck(model.links);
      if (links.length === 0) return false;
      const ignored = compileIgnore(config.links.ignore);
      const wanted = new Set(links.filter((l) => (l.target === 'web' || l.target === 'relative') && !ignored(l.url)).map((l) => l.url));
      const done = new Set<string>();
      const partial: LinkReport = { results: new Map(linkReports.get(doc.uri)?.results ?? []) };
      linkReports.set(doc.uri, partial);
      opts.onStart?.(wanted.size);
      let report: LinkReport;
      try {
        report = await linkChecker.check(links, {
          documentUri: doc.uri,
          config,
          allowNetwork: opts.allowNetwork,
          onResult: (r) => {
            partial.results.set(r.url, r);
            done.add(r.url);
            opts.onProgress?.(done.size, Math.max(wanted.size, done.size));
          },
        }, token);
        throwIfCancelled(token);
      } catch (e) {
        if (e instanceof CancelledError) {
          // The verdicts known stand (this run's, and the last run's for links it did not reach);
          // what was not checked is said once, so the diagnostics published next are complete
          // for what is known rather than silently partial.
          const left = [...wanted].filter((u) => !done.has(u)).length;
          partial.notChecked = { reason: 'cancelled', message: `Link checks were cancelled: ${left} of ${wanted.size} link${wanted.size === 1 ? ' was' : 's were'} not checked this time.` };
          opts.onNotChecked?.(partial.notChecked);
        }
        throw e;
      }
      linkReports.set(doc.uri, report);
      if (report.notChecked) opts.onNotChecked?.(report.notChecked);
      return true;
    },
    evidence: ev,
    templates: tpl,
    async resolveTemplate(doc, opts, token) {
      const model = getModel(doc);
      return model ? tpl.resolve(doc.uri, model, opts, token) : undefined;
    },
    closeDocument(uri) {
      tpl.close(uri);
      takeChunks(cache.get(uri));
      cache.delete(uri);
      linkReports.delete(uri);
      ev.close(uri);
    },
  };
}

export { Code, ALL_CODES, DEFAULT_SEVERITY, type DiagnosticCode, type Severity } from './codes';
export { DEFAULT_CONFIG, resolveConfig, type DiligenceConfig } from './config';
export { type ReadinessReport } from './features/report';
export { reportOutline, type ReportOutline } from './features/reportOutline';
/** The readiness report in markdown, with the evidence section when evidence was looked for. */
export function reportToMarkdown(r: ReadinessReport & { evidence?: EvidenceReport }): string {
  return baseReportToMarkdown(r) + (r.evidence ? evidenceReportToMarkdown(r.evidence) : '');
}
export { createEvidenceDiscoverer, type EvidenceDiscoverer, type EvidenceDiscovery } from './evidence/discover';
export { EvidenceCache } from './evidence/cache';
export type { EvidenceReport } from './evidence/report';
export { FILL_ALL_KIND } from './features/codeActions';
export { UPDATE_TEMPLATE_KIND, UPDATE_TEMPLATE_TITLE } from './template/feature';
export { TemplateCache, type TemplateGitHub, type FileCommit } from './template/source';
export { DRAFT_SUMMARY_KIND, DRAFT_SUMMARY_TITLE } from './features/summaryDraft';
export type { OwnerTodos } from './features/todosForOwner';
export { BUILTIN_PROFILES, inferRepositories, loadProfileFiles, matchProfile, type EvidenceItem, type Profile, type ProfileMatch } from './profiles/index';
export { SHOW_REPORT_COMMAND } from './features/codeLens';
export { severityName } from './features/diagnostics';
export { applyEdits } from './text/edits';
export type { Finding } from './findings';
export type { DiligenceModel } from './model/types';
export * from './host';
export { createLinkChecker, LinkCache, type LinkChecker } from './links/index';
