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
import { codeActions as computeCodeActions, fillAllEdits } from './features/codeActions';
import { codeLenses as computeCodeLenses } from './features/codeLens';
import { completion as computeCompletion } from './features/completion';
import { DIAGNOSTIC_SOURCE, localFindings, toDiagnostics } from './features/diagnostics';
import { foldingRanges as computeFolding } from './features/folding';
import { hover as computeHover, type LinkHoverInfo } from './features/hover';
import { buildReport, reportToMarkdown as baseReportToMarkdown, todoOwners, type ReadinessReport } from './features/report';
import { documentSymbols as computeSymbols } from './features/symbols';
import type { Finding } from './findings';
import { type CancellationToken, type Clock, type Logger, silentLogger, systemClock, throwIfCancelled } from './host';
import { analyzeIncremental, type ParsedChunk } from './model/index';
import type { DiligenceModel } from './model/types';
import { linkFindings, linksToCheck, type LinkChecker, type LinkReport } from './links/index';
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
  /** discovers evidence in the project's repositories; without one, nothing is discovered */
  evidenceDiscoverer?: EvidenceDiscoverer;
}

export interface LinkCheckOptions {
  /** false in an untrusted workspace: no request at all, one links-not-checked finding */
  allowNetwork: boolean;
  /** called as verdicts arrive (the host re-publishes diagnostics, throttled) */
  onProgress?: () => void;
}

export interface DiligenceService {
  readonly config: DiligenceConfig;
  configure(config: DiligenceConfig): void;
  /** undefined when the document is larger than `maxDocumentSize` */
  getModel(doc: ServiceDocument): DiligenceModel | undefined;
  /** Whether a markdown document looks like a due-diligence document. */
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
  closeDocument(uri: string): void;
}

const DD_SIGNS = /due\s+diligence|evaluation\s+summary|\*\*\s*TODO\s+for\s|\$TOCMEMBER|<!--\s*\((?:TOC|TAC)\s+Evaluation/i;

export function createDiligenceService(options: DiligenceServiceOptions = {}): DiligenceService {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  let config = options.config ?? DEFAULT_CONFIG;
  const cache = new Map<string, { version: number; model: DiligenceModel | undefined; chunks: ParsedChunk[] | undefined }>();
  const providers: FindingProvider[] = [];
  let linkChecker = options.linkChecker;
  /** the latest (possibly partial) link report per document */
  const linkReports = new Map<string, LinkReport>();
  const linkResultInfo: LinkHoverInfo = (url) => {
    for (const report of linkReports.values()) {
      const r = report.results.get(url);
      if (!r) continue;
      if (r.notChecked) return `Not checked: ${r.notChecked.message}`;
      if (r.problems.length === 0) return `Checked: no problem found${r.fromCache ? ' (cached)' : ''}.`;
      return r.problems.map((p) => `- \`${p.code}\`: ${p.message}`).join('\n');
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
  /** extra lines for the title hover: the profile and the repositories */
  const titleLines = (model: DiligenceModel): string[] => {
    const m = profileOf(model);
    const r = projectRepositories(model, config);
    return [
      `- Profile: ${m ? `${m.profile.name} (${m.criteria.filter(Boolean).length}/${model.criteria.length} criteria recognised)` : 'none recognised'}`,
      `- Repositories: ${r.repositories.length ? r.repositories.map((x) => `\`${x}\``).join(', ') : 'none found'}${r.source === 'document' ? ' (inferred from the document)' : r.source === 'front-matter' ? ' (front matter)' : r.source === 'settings' ? ' (settings)' : ''}`,
    ];
  };
  const ev = createEvidenceFeature({ getModel: (d) => getModel(d), config: () => config, clock, match: (m) => profileOf(m), profiles: () => profiles, ...(options.evidenceDiscoverer ? { discoverer: options.evidenceDiscoverer } : {}) });

  const getModel = (doc: ServiceDocument): DiligenceModel | undefined => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version && doc.version >= 0) return hit.model;
    const text = doc.getText();
    let model: DiligenceModel | undefined;
    let chunks: ParsedChunk[] | undefined;
    if (text.length <= config.maxDocumentSize) {
      const t0 = Date.now();
      // the previous version's chunks are handed over (and consumed): unchanged ones are reused
      ({ model, chunks } = analyzeIncremental(text, hit?.chunks));
      logger.debug(`analysed ${doc.uri} v${doc.version} (${text.length} chars) in ${Date.now() - t0} ms`);
    } else {
      logger.info(`not analysing ${doc.uri}: ${text.length} characters is over diligence.maxDocumentSize (${config.maxDocumentSize})`);
    }
    if (doc.version >= 0) cache.set(doc.uri, { version: doc.version, model, chunks });
    return model;
  };

  const placeholderContext = (model: DiligenceModel): PlaceholderContext => ({ model, reviewerName: config.reviewer.name, today: clock.now() });

  const findings = (doc: ServiceDocument, token?: CancellationToken): Finding[] => {
    const model = getModel(doc);
    throwIfCancelled(token);
    if (!model) return [];
    const out = localFindings(model, config, clock.now());
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
      if (sizeChanged) cache.clear();
    },
    getModel,
    isDiligenceDocument(doc) {
      const model = getModel(doc);
      if (!model) return DD_SIGNS.test(doc.getText().slice(0, 20_000));
      return model.criteria.length > 0 || model.todos.length > 0 || DD_SIGNS.test(model.text.slice(0, 20_000));
    },
    findings,
    diagnostics(doc, token) {
      const model = getModel(doc);
      if (!model) {
        const size = doc.getText().length;
        if (!config.diagnostics.enabled || config.diagnostics.severity[Code.documentTooLarge] === 'off') return [];
        return [{
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          code: Code.documentTooLarge,
          source: DIAGNOSTIC_SOURCE,
          message: `Diligence skipped this document: ${size.toLocaleString('en')} characters is more than diligence.maxDocumentSize (${config.maxDocumentSize.toLocaleString('en')})`,
        }];
      }
      return toDiagnostics(model, findings(doc, token), config);
    },
    hover(doc, position, token) {
      const model = getModel(doc);
      throwIfCancelled(token);
      return model ? ev.extendHover(doc.uri, model, position, computeHover(model, position, placeholderContext(model), linkHoverInfo, () => titleLines(model))) : null;
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
      return model ? ev.extendReport(doc.uri, buildReport(model, { match: profileOf(model), repositories: projectRepositories(model, config), ...(items ? { evidence: items } : {}) })) : undefined;
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
      const partial: LinkReport = { results: new Map(linkReports.get(doc.uri)?.results ?? []) };
      linkReports.set(doc.uri, partial);
      const report = await linkChecker.check(links, {
        documentUri: doc.uri,
        config,
        allowNetwork: opts.allowNetwork,
        onResult: (r) => {
          partial.results.set(r.url, r);
          opts.onProgress?.();
        },
      }, token);
      throwIfCancelled(token);
      linkReports.set(doc.uri, report);
      return true;
    },
    evidence: ev,
    closeDocument(uri) {
      cache.delete(uri);
      linkReports.delete(uri);
      ev.close(uri);
    },
  };
}

export { Code, ALL_CODES, DEFAULT_SEVERITY, type DiagnosticCode, type Severity } from './codes';
export { DEFAULT_CONFIG, resolveConfig, type DiligenceConfig } from './config';
export { type ReadinessReport } from './features/report';
/** The readiness report in markdown, with the evidence section when evidence was looked for. */
export function reportToMarkdown(r: ReadinessReport & { evidence?: EvidenceReport }): string {
  return baseReportToMarkdown(r) + (r.evidence ? evidenceReportToMarkdown(r.evidence) : '');
}
export { createEvidenceDiscoverer, type EvidenceDiscoverer, type EvidenceDiscovery } from './evidence/discover';
export { EvidenceCache } from './evidence/cache';
export type { EvidenceReport } from './evidence/report';
export { FILL_ALL_KIND } from './features/codeActions';
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
