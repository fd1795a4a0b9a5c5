/**
 * In-document suppressions, applied in one place to every finding source (local rules, the
 * template, link verdicts, evidence, the host's): the service's findings are what this keeps,
 * its diagnostics use the document's configuration (configure-file), and the report counts what
 * was suppressed. Directives are read once per model (a model is one version of one document).
 */
import { Code } from '../codes';
import type { DiligenceConfig } from '../config';
import { severityName, toDiagnostics } from '../features/diagnostics';
import type { FindingCounts } from '../features/report';
import type { Finding } from '../findings';
import type { DiligenceModel } from '../model/types';
import { documentConfig } from './configure';
import { parseDirectives, type Directive } from './directives';
import { lineSuppressions, type LineSuppressions } from './state';

export { parseDirectives, type Directive, type DocumentDirectives } from './directives';

interface Read {
  directives: Directive[];
  problems: Finding[];
  lines: LineSuppressions;
  /** the document's configuration, for the base it was made from */
  config?: { base: DiligenceConfig; config: DiligenceConfig; problems: Finding[] };
}

export interface SplitFindings {
  /** the findings that stand, the directives' own problems included */
  kept: Finding[];
  /** suppressed by a directive */
  suppressed: Finding[];
}

export interface Suppressions {
  /** the document's configuration: the settings with its configure-file comments over them */
  configFor(model: DiligenceModel, uri: string): DiligenceConfig;
  /** findings → those that stand (and the directives' problems) and those suppressed */
  split(model: DiligenceModel, uri: string, findings: readonly Finding[]): SplitFindings;
  /**
   * How many of `split`'s results the document took away: those suppressed by a directive and
   * those its configure-file turned off (or down to nothing) where the settings show them.
   */
  suppressedCount(model: DiligenceModel, uri: string, split: SplitFindings): number;
  directives(model: DiligenceModel): readonly Directive[];
  /** the report's counts: the diagnostics shown, by severity, and how many the document suppressed */
  counts(model: DiligenceModel, uri: string, findings: readonly Finding[]): FindingCounts;
}

/** `config`: the settings of a document (the service's, or its configuration file's) */
export function createSuppressions(config: (uri: string) => DiligenceConfig): Suppressions {
  const memo = new WeakMap<DiligenceModel, Read>();
  const read = (model: DiligenceModel): Read => {
    let r = memo.get(model);
    if (!r) {
      const { directives, problems } = parseDirectives(model);
      directives.sort((a, b) => a.span.start - b.span.start);
      r = { directives, problems, lines: lineSuppressions(directives) };
      memo.set(model, r);
    }
    return r;
  };
  const configOf = (model: DiligenceModel, uri: string): { config: DiligenceConfig; problems: Finding[] } => {
    const r = read(model);
    const base = config(uri);
    if (r.config?.base !== base) {
      const problems: Finding[] = [];
      const settings = r.directives.filter((d) => d.action === 'configure-file' && d.config);
      let result = base;
      for (const d of settings) {
        result = documentConfig(result, [d.config!], (message) => problems.push({ code: Code.directiveInvalid, span: d.span, message: `diligence-configure-file: ${message}` }));
      }
      r.config = { base, config: result, problems };
    }
    return r.config;
  };
  const api: Suppressions = {
    configFor: (model, uri) => configOf(model, uri).config,
    directives: (model) => read(model).directives,
    split(model, uri, findings) {
      const r = read(model);
      const all = [...findings, ...r.problems, ...configOf(model, uri).problems];
      if (r.directives.length === 0 && all.length === findings.length) return { kept: [...findings], suppressed: [] };
      const kept: Finding[] = [];
      const suppressed: Finding[] = [];
      for (const f of all) (r.lines.suppressed(f.code, model.lines.positionAt(f.span.start).line) ? suppressed : kept).push(f);
      return { kept, suppressed };
    },
    suppressedCount(model, uri, split) {
      const base = config(uri);
      const doc = configOf(model, uri).config;
      if (doc === base) return split.suppressed.length;
      const shown = (c: DiligenceConfig, f: Finding): boolean => c.diagnostics.enabled && c.diagnostics.severity[f.code] !== 'off';
      return split.suppressed.length + split.kept.filter((f) => shown(base, f) && !shown(doc, f)).length;
    },
    counts(model, uri, findings) {
      const split = api.split(model, uri, findings);
      const bySeverity = { error: 0, warning: 0, information: 0, hint: 0 };
      const diagnostics = toDiagnostics(model, split.kept, api.configFor(model, uri));
      for (const d of diagnostics) bySeverity[severityName(d.severity)]++;
      return { shown: diagnostics.length, bySeverity, suppressed: api.suppressedCount(model, uri, split) };
    },
  };
  return api;
}
