/**
 * The template as the contract, for the service: per document, the template resolved for it
 * (until then, and whenever it cannot be read, the built-in criteria), the alignment, the
 * version it started from; the findings, the levels the template gives, the report section and
 * the edits. One object per service; hosts call `resolve` (async) when a document opens.
 */
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { CancellationToken } from '../host';
import type { DiligenceModel } from '../model/types';
import type { Profile, ProfileMatch } from '../profiles/types';
import type { DiligenceConfig } from '../config';
import type { ServiceDocument } from '../types';
import { alignDocument, withTemplateLevels, type Alignment } from './align';
import { normaliseTitle } from './model';
import { findBasedOn, type BasedOn } from './history';
import { templateFindings } from './rules';
import { builtinResolved, resolveTemplate, type ResolvedTemplate, type TemplateSources } from './source';
import { describeTemplate, templateReport, type TemplateReport } from './report';
import type { HoverSection } from '../features/hover';
import { insertCriterionEdit, rewordEdit, updateEdits } from './update';

export const UPDATE_TEMPLATE_KIND = `${CodeActionKind.Source}.updateTemplate.diligence`;
export const UPDATE_TEMPLATE_TITLE = 'Update to the current template';

export interface TemplateState {
  resolved: ResolvedTemplate;
  alignment: Alignment;
  basedOn: BasedOn | undefined;
}

export interface TemplateFeature {
  setSources(sources: TemplateSources): void;
  /** reads the document's template from its sources (front matter, file, workspace, GitHub); its findings use it from then on */
  resolve(doc: ServiceDocument, options: { allowNetwork: boolean; history: boolean }, token: CancellationToken): Promise<TemplateState | undefined>;
  /** the template state for this model (built-in criteria until resolved); undefined: no profile */
  state(uri: string, model: DiligenceModel): TemplateState | undefined;
  /** the model with levels from the template where it has no level heading */
  levelled(uri: string, model: DiligenceModel): DiligenceModel;
  findings(uri: string, model: DiligenceModel): Finding[];
  /** the title hover's line: the template, and the version the document started from */
  readonly hoverSection: HoverSection;
  /** the text of the template the document is held to (undefined: built-in criteria, or none) — for rules that compare text with the template's */
  templateText(uri: string, model: DiligenceModel): string | undefined;
  report(uri: string, model: DiligenceModel): TemplateReport | null;
  codeActions(uri: string, model: DiligenceModel, findings: readonly Finding[], range: Range, only: string[] | undefined): CodeAction[];
  close(uri: string): void;
}

export function createTemplateFeature(deps: { getModel: (doc: ServiceDocument) => DiligenceModel | undefined; config: (uri?: string) => DiligenceConfig; match: (m: DiligenceModel) => ProfileMatch | undefined; now: () => number }): TemplateFeature {
  let sources: TemplateSources = { now: deps.now };
  const resolved = new Map<string, { profile: Profile; resolved: ResolvedTemplate }>();
  const builtins = new WeakMap<Profile, ResolvedTemplate>();
  const states = new WeakMap<DiligenceModel, { key: ResolvedTemplate; state: TemplateState }>();
  /** the version a document started from depends on its criteria only: kept while they stay */
  const basedOns = new WeakMap<ResolvedTemplate, Map<string, BasedOn | undefined>>();
  const basedOn = (model: DiligenceModel, r: ResolvedTemplate): BasedOn | undefined => {
    if (r.history.length === 0) return undefined;
    let m = basedOns.get(r);
    if (!m) basedOns.set(r, (m = new Map()));
    const key = model.criteria.map((c) => `${c.level ?? ''}\u0001${c.title}\u0001${model.areas[c.area]?.name ?? ''}`).join('\u0000');
    if (m.has(key)) return m.get(key);
    const b = findBasedOn(model, r.history);
    if (m.size > 50) m.clear();
    m.set(key, b);
    return b;
  };

  const resolvedFor = (uri: string, profile: Profile): ResolvedTemplate => {
    const r = resolved.get(uri);
    if (r && r.profile === profile) return r.resolved;
    let b = builtins.get(profile);
    if (!b) {
      b = builtinResolved(profile);
      builtins.set(profile, b);
    }
    return b;
  };

  const state = (uri: string, model: DiligenceModel): TemplateState | undefined => {
    // a document without any criterion is no checklist (yet): nothing to hold to a template
    const match = model.criteria.length > 0 ? deps.match(model) : undefined;
    if (!match) return undefined;
    const r = resolvedFor(uri, match.profile);
    const hit = states.get(model);
    if (hit && hit.key === r) return hit.state;
    const s: TemplateState = { resolved: r, alignment: alignDocument(model, r.template), basedOn: basedOn(model, r) };
    states.set(model, { key: r, state: s });
    return s;
  };

  const templateReportOf = (uri: string, model: DiligenceModel): TemplateReport | null => {
    const s = state(uri, model);
    return s ? templateReport(model, s) : null;
  };

  return {
    setSources(next) {
      sources = next;
    },
    async resolve(doc, options, token) {
      const model = deps.getModel(doc);
      const match = model ? deps.match(model) : undefined;
      if (!model || !match) return undefined;
      const r = await resolveTemplate({ docUri: doc.uri, model, profile: match.profile, config: deps.config(doc.uri), ...options }, sources, token);
      resolved.set(doc.uri, { profile: match.profile, resolved: r });
      return state(doc.uri, model);
    },
    state,
    levelled(uri, model) {
      const s = state(uri, model);
      return s ? withTemplateLevels(model, s.alignment) : model;
    },
    findings(uri, model) {
      const s = state(uri, model);
      return s ? templateFindings(model, s.alignment, s.basedOn) : [];
    },
    hoverSection({ target, model, uri }) {
      const t = target.kind === 'title' ? templateReportOf(uri, model) : null;
      return t ? [`- Template: ${describeTemplate(t)}${t.basedOn ? `; ${t.basedOn.summary}` : ''}`] : [];
    },
    templateText: (uri, model) => state(uri, model)?.resolved.template.model?.text,
    report: templateReportOf,
    codeActions(uri, model, findings, range, only) {
      const s = state(uri, model);
      if (!s) return [];
      const want = (kind: string): boolean => !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(`${o}.`));
      const span = model.lines.spanOf(range);
      const out: CodeAction[] = [];
      const a = s.alignment;
      for (const f of findings) {
        if (f.span.start > span.end || span.start > f.span.end || !want(CodeActionKind.QuickFix)) continue;
        const id = f.data?.templateCriterion;
        const t = id === undefined ? -1 : a.template.criteria.findIndex((c) => c.id === id);
        if (t < 0) continue;
        const insert = f.code === Code.criterionMissing && a.missing.includes(t) ? insertCriterionEdit(model, a, t) : undefined;
        if (insert) out.push({ title: `Insert the template's criterion "${a.template.criteria[t]!.title.slice(0, 60)}"`, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: [insert] } } });
        const pair = a.reworded.find((p) => p.template === t);
        if (f.code === Code.criterionReworded && pair) {
          out.push({ title: "Take the template's wording", kind: CodeActionKind.QuickFix, isPreferred: true, edit: { changes: { [uri]: [rewordEdit(model, a, pair)] } } });
        }
      }
      // offered on a document laid out like the template (every area of it there): elsewhere a
      // whole-document rewrite is not what the reviewer asked for
      const areas = new Set(model.areas.map((x) => normaliseTitle(x.name)));
      if (a.template.areas.every((x) => areas.has(normaliseTitle(x.name)))) {
        const edits = want(UPDATE_TEMPLATE_KIND) ? updateEdits(model, a) : [];
        if (edits.length > 0) out.push({ title: UPDATE_TEMPLATE_TITLE, kind: UPDATE_TEMPLATE_KIND, edit: { changes: { [uri]: edits } } });
      }
      return out;
    },
    close(uri) {
      resolved.delete(uri);
    },
  };
}
