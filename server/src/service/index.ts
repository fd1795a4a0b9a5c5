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
import { buildReport, type ReadinessReport } from './features/report';
import { documentSymbols as computeSymbols } from './features/symbols';
import type { Finding } from './findings';
import { type CancellationToken, type Clock, type Logger, silentLogger, systemClock, throwIfCancelled } from './host';
import { analyzeIncremental, type ParsedChunk } from './model/index';
import type { DiligenceModel } from './model/types';
import { longestBlock, MAX_BLOCK_CHARS } from './model/limits';
import { linkFindings, linksToCheck, type LinkChecker, type LinkReport } from './links/index';
import type { PlaceholderContext } from './placeholderValues';

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
  report(doc: ServiceDocument): ReadinessReport | undefined;
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

  const getModel = (doc: ServiceDocument): DiligenceModel | undefined => {
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version && doc.version >= 0) return hit.model;
    const text = doc.getText();
    let model: DiligenceModel | undefined;
    let chunks: ParsedChunk[] | undefined;
    if (text.length <= config.maxDocumentSize && longestBlock(text) <= MAX_BLOCK_CHARS) {
      const t0 = Date.now();
      // the previous version's chunks are handed over (and consumed): unchanged ones are reused
      ({ model, chunks } = analyzeIncremental(text, hit?.chunks));
      logger.debug(`analysed ${doc.uri} v${doc.version} (${text.length} chars) in ${Date.now() - t0} ms`);
    } else {
      logger.info(`not analysing ${doc.uri}: ${tooLarge(text)}`);
    }
    if (doc.version >= 0) cache.set(doc.uri, { version: doc.version, model, chunks });
    return model;
  };

  const tooLarge = (text: string): string => text.length > config.maxDocumentSize
    ? `${text.length.toLocaleString('en')} characters is more than diligence.maxDocumentSize (${config.maxDocumentSize.toLocaleString('en')})`
    : `a block of ${longestBlock(text).toLocaleString('en')} characters without a blank line is more than the parser handles in good time (${MAX_BLOCK_CHARS.toLocaleString('en')})`;

  const placeholderContext = (model: DiligenceModel): PlaceholderContext => ({ model, reviewerName: config.reviewer.name, today: clock.now() });

  const findings = (doc: ServiceDocument, token?: CancellationToken): Finding[] => {
    const model = getModel(doc);
    throwIfCancelled(token);
    if (!model) return [];
    const out = localFindings(model, config, clock.now());
    const report = linkReports.get(doc.uri);
    if (report && config.links.enabled) out.push(...linkFindings(model, report));
    for (const p of providers) out.push(...p(doc.uri, model));
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
        if (!config.diagnostics.enabled || config.diagnostics.severity[Code.documentTooLarge] === 'off') return [];
        return [{
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          code: Code.documentTooLarge,
          source: DIAGNOSTIC_SOURCE,
          message: `Diligence skipped this document: ${tooLarge(doc.getText())}`,
        }];
      }
      return toDiagnostics(model, findings(doc, token), config);
    },
    hover(doc, position, token) {
      const model = getModel(doc);
      throwIfCancelled(token);
      return model ? computeHover(model, position, placeholderContext(model), linkHoverInfo) : null;
    },
    codeActions(doc, range, only, token) {
      const model = getModel(doc);
      if (!model) return [];
      const f = findings(doc, token);
      throwIfCancelled(token);
      return computeCodeActions(model, f, { uri: doc.uri, range, ...(only ? { only } : {}) }, placeholderContext(model), config);
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
    report(doc) {
      const model = getModel(doc);
      return model ? buildReport(model) : undefined;
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
    closeDocument(uri) {
      cache.delete(uri);
      linkReports.delete(uri);
    },
  };
}

export { Code, ALL_CODES, DEFAULT_SEVERITY, type DiagnosticCode, type Severity } from './codes';
export { DEFAULT_CONFIG, resolveConfig, type DiligenceConfig } from './config';
export { reportToMarkdown, type ReadinessReport } from './features/report';
export { FILL_ALL_KIND } from './features/codeActions';
export { SHOW_REPORT_COMMAND } from './features/codeLens';
export { severityName } from './features/diagnostics';
export { applyEdits } from './text/edits';
export type { Finding } from './findings';
export type { DiligenceModel } from './model/types';
export * from './host';
export { createLinkChecker, LinkCache, type LinkChecker } from './links/index';
