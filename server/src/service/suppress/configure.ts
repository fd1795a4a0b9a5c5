/**
 * `<!-- diligence-configure-file {…} -->`: settings for this one document, over the settings in
 * force. Only `diagnostics` (`enabled`, `severity`) can be set from a document: the rest (the
 * GitHub API, proxies, private hosts, files read) is the reviewer's and the repository's to set,
 * never a document's, which may come from anyone's pull request. Values are checked by
 * `resolveConfig`, the settings' own reader.
 */
import { ALL_CODES, type DiagnosticCode } from '../codes';
import { resolveConfig, type DiligenceConfig } from '../config';

/** What may be set from a document: `diagnostics.enabled` and `diagnostics.severity.CODE`. */
const ALLOWED_TOP = new Set(['diagnostics']);
const ALLOWED_DIAGNOSTICS = new Set(['enabled', 'severity']);
const KNOWN = new Set<string>(ALL_CODES);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `base` with the documents' configure-file settings merged over it, in document order;
 * `problems` gets one message per value not used. Without settings, `base` itself.
 */
export function documentConfig(base: DiligenceConfig, settings: ReadonlyArray<Record<string, unknown>>, problems: (message: string) => void): DiligenceConfig {
  if (settings.length === 0) return base;
  const diagnostics = { enabled: base.diagnostics.enabled, severity: { ...base.diagnostics.severity } };
  for (const raw of settings) {
    for (const key of Object.keys(raw)) {
      if (!ALLOWED_TOP.has(key)) problems(`"${key}" cannot be set from a document (only "diagnostics": "enabled" and "severity"); it is ignored`);
    }
    const diag = raw['diagnostics'];
    if (diag === undefined) continue;
    if (!isObject(diag)) {
      problems('"diagnostics" must be an object, e.g. {"severity": {"todo": "off"}}; it is ignored');
      continue;
    }
    for (const key of Object.keys(diag)) {
      if (!ALLOWED_DIAGNOSTICS.has(key)) problems(`"diagnostics.${key}" cannot be set from a document (only "enabled" and "severity"); it is ignored`);
    }
    // the settings' reader checks the values; a value it did not take is reported by it
    const found: string[] = [];
    const checked = resolveConfig({ diagnostics: { enabled: diag['enabled'], severity: diag['severity'] } }, found);
    for (const p of found) problems(p.replace(/^diligence\./, ''));
    if (typeof diag['enabled'] === 'boolean') diagnostics.enabled = checked.diagnostics.enabled;
    else if (diag['enabled'] !== undefined) problems(`"diagnostics.enabled" must be true or false, not ${JSON.stringify(diag['enabled'])}; it is ignored`);
    const severity = diag['severity'];
    if (isObject(severity)) {
      for (const [code, value] of Object.entries(severity)) {
        // taken when resolveConfig took it (a known code, a known severity)
        const taken = KNOWN.has(code) ? checked.diagnostics.severity[code as DiagnosticCode] : undefined;
        if (taken !== undefined && taken === value) diagnostics.severity[code as DiagnosticCode] = taken;
      }
    } else if (severity !== undefined) {
      problems('"diagnostics.severity" must be an object of code: severity; it is ignored');
    }
  }
  return { ...base, diagnostics };
}
