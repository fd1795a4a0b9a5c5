/**
 * The Diligence language service: the pure core. It knows due-diligence documents, their
 * criteria, TODOs, placeholders and evidence; it does not know VS Code, the LSP connection or
 * Node. Hosts (the LSP server, the CLI, tests) create one with what it needs from the outside.
 *
 * This file wires the rooms together: the model store (models per document version), the
 * finding sources (local rules, link verdicts, evidence, the host's) and the document's own
 * suppression comments, applied once to all of them in `findings`, the hover sections, the
 * profiles and the features that read the model. Every feature reads the same model, cached per
 * document version and dropped on close. The interfaces are in types.ts.
 */
import { DEFAULT_CONFIG, type DiligenceConfig } from './config';
import { createEvidenceFeature } from './evidence/feature';
import { blockerFindings } from './evidence/blockers';
import { evidenceReportToMarkdown, type EvidenceReport } from './evidence/report';
import { compileFileGlobs } from './files';
import { findingsFrom, networkChecksEnabled, type FindingSource } from './findingSources';
import { codeActions as computeCodeActions, fillAllEdits } from './features/codeActions';
import { codeLenses as computeCodeLenses } from './features/codeLens';
import { completion as computeCompletion } from './features/completion';
import { localFindings, skippedDiagnostics, toDiagnostics } from './features/diagnostics';
import { foldingRanges as computeFolding } from './features/folding';
import { hover as computeHover, type HoverSection } from './features/hover';
import { buildReport, reportToMarkdown as baseReportToMarkdown, todoOwners, type ReadinessReport } from './features/report';
import { draftSummaryActions } from './features/summaryDraft';
import { documentSymbols as computeSymbols } from './features/symbols';
import { todosForOwner as computeTodosForOwner } from './features/todosForOwner';
import type { Finding } from './findings';
import { silentLogger, systemClock, throwIfCancelled, type CancellationToken } from './host';
import { wallTime } from './text/localTime';
import { LinkVerdictStore } from './links/verdicts';
import { ModelStore } from './model/store';
import type { DiligenceModel } from './model/types';
import type { PlaceholderContext } from './placeholderValues';
import { ProfileCatalogue } from './profiles/catalogue';
import { modelIsDueDiligence, textSaysDueDiligence } from './features/recognise';
import { projectRepositories } from './profiles/repositories';
import { createSuppressions } from './suppress/index';
import { ignoreActions } from './suppress/actions';
import { createTemplateFeature } from './template/feature';
import { templateReferenceFromText, type TemplateReference } from './template/reference';
import type { DiligenceService, DiligenceServiceOptions, FindingProvider, ServiceDocument } from './types';
import { createInterviewFeature, trackerToMarkdown, withInterviewEvidence, type InterviewEvidence, type InterviewTracker } from './interviews/index';
import { draftPublicComment, type PublicCommentDraft } from './publicComment/draft';
import type { Clock } from './host';
import type { PublicCommentOptions } from './types';

const DD_SIGNS = /due\s+diligence|evaluation\s+summary|\bdd\s+review\b/i;
/** a criterion (a task item whose text starts in bold), the template's placeholder or comments, anywhere */
const DD_LINES = /^[\t >]*(?:[*+-]|\d{1,9}[.)])[\t ]+\[[ Xx]\][\t ]+(?:\*\*|__)|\$T[AO]CMEMBER\b|<!--\s*\((?:TOC|TAC|Project)\s+(?:Evaluation|assertion)/im;

/**
 * Whether a text may be a due diligence, by a linear scan and without parsing it: every markdown
 * file of a cloned repository is asked this, and only the answer yes costs a parse (then the
 * model decides, features/recognise.ts). It says yes to whatever `modelIsDueDiligence` could.
 */
export function looksLikeDiligence(text: string): boolean {
  return DD_SIGNS.test(text.slice(0, 20_000)) || DD_LINES.test(text);
}

/** `scan` of a document's text, kept for its last version (asked once per request). */
function lastAnswer(scan: (text: string) => boolean): (doc: ServiceDocument) => boolean {
  let last: { uri: string; version: number; answer: boolean } | undefined;
  return (doc) => {
    if (doc.version >= 0 && last?.uri === doc.uri && last.version === doc.version) return last.answer;
    const answer = scan(doc.getText());
    if (doc.version >= 0) last = { uri: doc.uri, version: doc.version, answer };
    return answer;
  };
}

/**
 * The template a document is held to, as the rules read it: the host's (`templateFor`), else the
 * text the template feature read. One TemplateReference per template text (a handful of versions
 * at most), built once, not per keystroke.
 */
function templateReferences(
  hostTemplate: ((uri: string) => TemplateReference | undefined) | undefined,
  templateText: (uri: string, model: DiligenceModel) => string | undefined,
): (uri: string, model: DiligenceModel) => TemplateReference | undefined {
  const byText = new Map<string, TemplateReference>();
  return (uri, model) => {
    const host = hostTemplate?.(uri);
    if (host) return host;
    const text = templateText(uri, model);
    if (text === undefined) return undefined;
    let ref = byText.get(text);
    if (!ref) {
      if (byText.size >= 8) byText.delete(byText.keys().next().value!);
      ref = templateReferenceFromText(text);
      byText.set(text, ref);
    }
    return ref;
  };
}

/** On evidence, never on one marker, never our own report (features/recognise.ts). */
function recognised(model: DiligenceModel | undefined, doc: ServiceDocument, profiles: ProfileCatalogue): boolean {
  return model ? modelIsDueDiligence(model, () => profiles.match(model)) : textSaysDueDiligence(doc.getText());
}

/**
 * Each document's own settings (a configuration file's under the user's, set by the host), else
 * the service's; the `diligence.files` globs compiled once per settings object.
 */
function documentConfigs(serviceConfig: () => DiligenceConfig, onSet: () => void): {
  configOf: (uri?: string) => DiligenceConfig;
  matchesFiles: (uri: string) => boolean;
  set: (uri: string, config: DiligenceConfig | undefined) => void;
  close: (uri: string) => void;
} {
  const docConfigs = new Map<string, DiligenceConfig>();
  const configOf = (uri?: string): DiligenceConfig => (uri !== undefined ? docConfigs.get(uri) : undefined) ?? serviceConfig();
  const fileGlobs = new WeakMap<DiligenceConfig, (uri: string) => boolean>();
  const matchesFiles = (uri: string): boolean => {
    const c = configOf(uri);
    let m = fileGlobs.get(c);
    if (!m) {
      m = compileFileGlobs(c.files);
      fileGlobs.set(c, m);
    }
    return m(uri);
  };
  const set = (uri: string, next: DiligenceConfig | undefined): void => {
    if (next) docConfigs.set(uri, next);
    else docConfigs.delete(uri);
    onSet();
  };
  return { configOf, matchesFiles, set, close: (uri) => docConfigs.delete(uri) };
}

/** The public-comment e-mail of a document (publicComment/draft.ts) with the settings' reviewer, TOC repository and KubeCons. */
function publicComment(model: DiligenceModel, template: string, opts: PublicCommentOptions, config: DiligenceConfig, clock: Clock): PublicCommentDraft {
  return draftPublicComment({
    template, model, today: wallTime(clock), reviewer: opts.reviewer ?? config.reviewer.name, tocRepo: config.evidence.tocRepo || 'cncf/toc', kubecons: config.kubecons,
    ...(opts.coSponsor ? { coSponsor: opts.coSponsor } : {}), ...(opts.application ? { application: opts.application } : {}), ...(opts.pullRequest ? { pullRequest: opts.pullRequest } : {}),
  });
}

/** The report with the interviews beside the document, when there are any (three held or more: as evidence on the adoption criteria too). */
function withInterviews<R extends ReadinessReport>(report: R, interviews: InterviewTracker | undefined, evidence: InterviewEvidence | undefined): R & { interviews?: InterviewTracker } {
  const r = evidence ? { ...report, perCriterion: withInterviewEvidence(report.perCriterion, evidence) } : report;
  return interviews ? { ...r, interviews } : r;
}

/** A runner of features on a document's model: `none` when it is too large to analyse. */
function modelRunner(getModel: (doc: ServiceDocument) => DiligenceModel | undefined) {
  return <T>(doc: ServiceDocument, token: CancellationToken | undefined, none: T, f: (model: DiligenceModel) => T): T => {
    const model = getModel(doc);
    throwIfCancelled(token);
    return model ? f(model) : none;
  };
}

export function createDiligenceService(options: DiligenceServiceOptions = {}): DiligenceService {
  const clock = options.clock ?? systemClock;
  let config = options.config ?? DEFAULT_CONFIG;
  // a document's own settings change its findings: those kept for its code actions go too
  const docConfigs = documentConfigs(() => config, () => { published = new WeakMap(); }), { configOf, matchesFiles } = docConfigs;
  let linkChecker = options.linkChecker;
  const models = new ModelStore({ config: () => config, logger: options.logger ?? silentLogger, yieldToHost: options.yieldToHost, keepChunks: options.oneShot !== true });
  const getModel = (doc: ServiceDocument): DiligenceModel | undefined => models.get(doc), looks = lastAnswer(looksLikeDiligence);
  const verdicts = new LinkVerdictStore(() => clock.now().getTime());
  const profiles = new ProfileCatalogue(), suppressions = createSuppressions(configOf);
  const ev = createEvidenceFeature({ getModel, config: configOf, clock, match: (m) => profiles.match(m), profiles: () => profiles.all(), ...(options.evidenceDiscoverer ? { discoverer: options.evidenceDiscoverer } : {}) });
  const providers: FindingProvider[] = [];
  const tpl = createTemplateFeature({ getModel, config: configOf, match: (m) => profiles.match(m), now: () => clock.now().getTime() });
  const iv = createInterviewFeature({ clock, config: () => config });
  const templateOf = templateReferences(options.templateFor, (uri, model) => tpl.templateText(uri, model));
  const findingSources: readonly FindingSource[] = [
    { name: 'local rules (levels from the template where the document has none) and the template', enabled: () => true, findings: (uri, model) => [...localFindings(tpl.levelled(uri, model), configOf(uri), clock.now(), templateOf(uri, model)), ...tpl.findings(uri, model), ...ev.localFindings(uri, tpl.levelled(uri, model))] },
    { name: 'link verdicts', enabled: networkChecksEnabled, findings: (uri, model) => [...verdicts.findings(uri, model), ...blockerFindings(model, (url) => verdicts.result(uri, url))] },
    { name: 'host providers', enabled: () => true, findings: (uri, model) => providers.flatMap((p) => p(uri, model)) },
    { name: 'evidence', enabled: networkChecksEnabled, findings: (uri, model) => ev.findings(uri, model) },
    { name: 'adopter interviews beside the document', enabled: () => true, findings: (uri, model) => iv.documentFindings(uri, model) },
  ];
  const hoverSections: readonly HoverSection[] = [
    verdicts.hoverSection,
    ({ target, model, uri }) => (target.kind === 'title' ? profiles.titleLines(model, projectRepositories(model, configOf(uri))) : []),
    tpl.hoverSection, ev.hoverSection, iv.hoverSection,
  ];

  const placeholderContext = (model: DiligenceModel): PlaceholderContext => ({ model, reviewerName: config.reviewer.name, today: wallTime(clock) });

  /** per version (model), the findings its last diagnostics were made of; emptied by `configure` and `setDocumentConfig` */
  let published = new WeakMap<DiligenceModel, Finding[]>();
  const findings = (doc: ServiceDocument, token?: CancellationToken): Finding[] => {
    const model = getModel(doc);
    throwIfCancelled(token);
    return model ? suppressions.split(model, doc.uri, findingsFrom(findingSources, doc.uri, model, configOf(doc.uri))).kept : [];
  };

  const withModel = modelRunner(getModel);

  return {
    get config() { return config; },
    configure(next) {
      const sizeChanged = next.maxDocumentSize !== config.maxDocumentSize;
      config = next;
      published = new WeakMap();
      if (sizeChanged) models.clear();
    },
    configFor: configOf, setDocumentConfig: docConfigs.set,
    getModel,
    analyse: (doc, token) => models.analyse(doc, token),
    get stats() { return models.stats; },
    // a file the linear scan rules out is never parsed
    // an adopter interview is linted as one (interviews/), never as a due diligence
    mayBeDiligenceDocument: (doc) => !iv.isInterview(doc) && (matchesFiles(doc.uri) || looks(doc)),
    isDiligenceDocument: (doc) => !iv.isInterview(doc) && (matchesFiles(doc.uri) || (looks(doc) && recognised(getModel(doc), doc, profiles))),
    findings,
    diagnostics(doc, token) {
      const model = getModel(doc);
      if (!model) return skippedDiagnostics(configOf(doc.uri), models.skippedBecause(doc));
      const f = findings(doc, token);
      published.set(model, f);
      return toDiagnostics(model, f, suppressions.configFor(model, doc.uri));
    },
    hover: (doc, position, token) => withModel(doc, token, null, (model) => computeHover(model, position, placeholderContext(model), hoverSections, doc.uri)),
    codeActions(doc, range, only, token) {
      const model = getModel(doc);
      if (!model) return [];
      // the findings of the diagnostics last given for this version (what the editor shows, and
      // asks the fixes of): recomputing them for every cursor move costs a whole rules run
      const f = published.get(model) ?? findings(doc, token);
      throwIfCancelled(token);
      return [
        ...ev.codeActions(doc.uri, model, f, range, only),
        ...computeCodeActions(model, f, { uri: doc.uri, range, ...(only ? { only } : {}) }, placeholderContext(model), suppressions.configFor(model, doc.uri)),
        ...draftSummaryActions(model, doc.uri, range, only), ...tpl.codeActions(doc.uri, model, f, range, only), ...ignoreActions(model, f, doc.uri, range, only, suppressions.configFor(model, doc.uri), suppressions.directives(model)),
        ...iv.codeActions(doc.uri, model, range, only),
      ];
    },
    documentSymbols: (doc, token) => withModel(doc, token, [], computeSymbols),
    codeLenses: (doc, token) => withModel(doc, token, [], (model) => computeCodeLenses(model, doc.uri)),
    foldingRanges: (doc, token) => withModel(doc, token, [], computeFolding),
    completion: (doc, position, token) => withModel(doc, token, [], (model) => computeCompletion(model, position, placeholderContext(model))),
    report(doc, evidence) {
      const model = getModel(doc);
      // the evidence discovered for this document fills the "evidence found" column unless given
      // (only when some repository was examined: otherwise nothing was looked for)
      const items = evidence ?? (ev.discovery(doc.uri)?.results.some((r) => !r.error) ? ev.items(doc.uri) : undefined);
      return model ? withInterviews(ev.extendReport(doc.uri, buildReport(tpl.levelled(doc.uri, model), { match: profiles.match(model), repositories: projectRepositories(model, configOf(doc.uri)), template: tpl.report(doc.uri, model), findings: suppressions.counts(model, doc.uri, findingsFrom(findingSources, doc.uri, model, configOf(doc.uri))), ...(items ? { evidence: items } : {}) })), iv.tracker(doc.uri), iv.evidence(doc.uri)) : undefined;
    },
    setUserProfiles: (user) => profiles.setUserProfiles(user),
    profiles: () => profiles.all(),
    profileMatch: (doc) => withModel(doc, undefined, undefined, (model) => profiles.match(model)),
    todoOwners: (doc) => withModel(doc, undefined, [], (model) => todoOwners(model).map(({ owner, count }) => ({ owner, count }))),
    todosForOwner: (doc, owner, linkBase) => withModel(doc, undefined, undefined, (model) => computeTodosForOwner(model, owner, linkBase)),
    fillAllPlaceholders: (doc) => withModel(doc, undefined, [], (model) => fillAllEdits(model, placeholderContext(model))),
    addFindingProvider: (provider) => void providers.push(provider),
    setLinkChecker: (checker) => { linkChecker = checker; },
    async checkLinks(doc, opts, token) {
      const model = getModel(doc);
      if (!model || !linkChecker || !networkChecksEnabled(configOf(doc.uri))) return false;
      return verdicts.check(doc.uri, model, linkChecker, configOf(doc.uri), opts, token);
    },
    evidence: ev,
    templates: tpl,
    interviews: iv,
    draftPublicComment: (doc, template, opts) => withModel(doc, undefined, undefined, (model) => publicComment(model, template, opts, config, clock)),
    closeDocument(uri) {
      for (const room of [models, verdicts, ev, tpl, docConfigs]) room.close(uri);
    },
  };
}

export type * from './types';
export { Code, ALL_CODES, DEFAULT_SEVERITY, type DiagnosticCode, type Severity } from './codes';
export { DEFAULT_CONFIG, networkChecksEnabled, resolveConfig, type DiligenceConfig } from './config';
export { type ReadinessReport } from './features/report';
export { reportOutline, type ReportOutline } from './features/reportOutline';
/** The readiness report in markdown, with the evidence section when evidence was looked for. */
export function reportToMarkdown(r: ReadinessReport & { evidence?: EvidenceReport; interviews?: InterviewTracker }): string {
  return baseReportToMarkdown(r) + (r.evidence ? evidenceReportToMarkdown(r.evidence) : '') + (r.interviews ? trackerToMarkdown(r.interviews) : '');
}
export { createEvidenceDiscoverer, projectMaintainers, type EvidenceDiscoverer, type EvidenceDiscovery } from './evidence/discover';
export type { ProjectMaintainers } from './evidence/dotProject';
export { EvidenceCache } from './evidence/cache';
export type { EvidenceReport } from './evidence/report';
export { ADD_CHECKBOXES_KIND, FILL_ALL_KIND } from './features/codeActions';
export { REFRESH_EVIDENCE_KIND } from './evidence/refresh';
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
export { templateReferenceFromText, type TemplateReference } from './template/reference';
export { templateLocation } from './evidence/template';
export { DRAFT_INTERVIEW_SUMMARY_KIND, type InterviewTracker, type Maintainer } from './interviews/index';
export type { PublicCommentDraft } from './publicComment/draft';
