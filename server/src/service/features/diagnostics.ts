import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { Code, type Severity } from '../codes';
import type { DiligenceConfig } from '../config';
import type { Finding } from '../findings';
import type { DiligenceModel } from '../model/types';
import { localRules, type RuleContext } from '../rules/index';
import type { TemplateReference } from '../template/reference';

export const DIAGNOSTIC_SOURCE = 'diligence';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export { severityName } from '../codes';

export function localFindings(model: DiligenceModel, config: DiligenceConfig, today: Date, template?: TemplateReference): Finding[] {
  const ctx: RuleContext = { config, today, ...(template ? { template } : {}) };
  return localRules.flatMap((rule) => rule(model, ctx));
}

/** Findings → diagnostics, with the configured severity; codes set to "off" are dropped. */
export function toDiagnostics(model: Pick<DiligenceModel, 'lines'>, findings: readonly Finding[], config: DiligenceConfig): Diagnostic[] {
  if (!config.diagnostics.enabled) return [];
  const out: Diagnostic[] = [];
  for (const f of findings) {
    const sev = config.diagnostics.severity[f.code];
    if (sev === 'off') continue;
    out.push({
      range: model.lines.range(f.span),
      severity: LSP_SEVERITY[sev],
      code: f.code,
      source: DIAGNOSTIC_SOURCE,
      message: f.message,
      ...(f.data ? { data: f.data } : {}),
    });
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The one diagnostic of a document not analysed (too large), saying why; none when turned off. */
export function skippedDiagnostics(config: DiligenceConfig, because: string): Diagnostic[] {
  if (!config.diagnostics.enabled || config.diagnostics.severity[Code.documentTooLarge] === 'off') return [];
  return [{
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: Code.documentTooLarge,
    source: DIAGNOSTIC_SOURCE,
    message: `Diligence skipped this document: ${because}`,
  }];
}
