/** Findings of a document against its template: missing, not in it, reworded, at another level. */
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { DiligenceModel, LevelKind } from '../model/types';
import { headSpan } from '../rules/criteria';
import { truncate } from '../rules/placeholders';
import type { Alignment } from './align';
import type { BasedOn } from './history';
import { placeSpan } from './place';

const LEVEL: Record<LevelKind, string> = { required: 'Required', suggested: 'Suggested' };

/** "the template (cncf/toc, 2026-06-29)" / "the built-in criteria of 2026-06-29" */
export function templateName(a: Alignment): string {
  const i = a.template.info;
  if (i.source === 'builtin') return `the built-in criteria of ${i.date}`;
  const when = [i.date, i.ref ? i.ref.slice(0, 8) : ''].filter(Boolean).join(', ');
  return `the template${when ? ` of ${when}` : ''}`;
}

export function templateFindings(model: DiligenceModel, a: Alignment, basedOn: BasedOn | undefined): Finding[] {
  const out: Finding[] = [];
  const name = templateName(a);
  for (const t of a.missing) {
    const tc = a.template.criteria[t]!;
    const where = [tc.area, tc.level ? LEVEL[tc.level] : ''].filter(Boolean).join(' · ');
    const added = basedOn?.addedOn.get(tc.id);
    out.push({
      code: Code.criterionMissing,
      span: placeSpan(model, a, t),
      message: added
        ? `Added to the template on ${added}, after the version this document started from (${basedOn!.date}): "${truncate(tc.title, 90)}" (${where})`
        : `Missing criterion of ${name}: "${truncate(tc.title, 90)}" (${where})`,
      data: { templateCriterion: tc.id },
    });
  }
  for (const d of a.notInTemplate) {
    const c = model.criteria[d]!;
    out.push({ code: Code.criterionNotInTemplate, span: headSpan(c), message: `"${truncate(c.title, 90)}" is not a criterion of ${name}`, data: { criterion: d } });
  }
  for (const p of a.reworded) {
    const tc = a.template.criteria[p.template]!;
    out.push({ code: Code.criterionReworded, span: model.criteria[p.doc]!.titleSpan, message: `${name[0]!.toUpperCase()}${name.slice(1)} words this criterion: "${truncate(tc.title, 120)}"`, data: { criterion: p.doc, templateCriterion: tc.id } });
  }
  for (const p of a.levelChanged) {
    const tc = a.template.criteria[p.template]!;
    const c = model.criteria[p.doc]!;
    out.push({ code: Code.criterionLevel, span: headSpan(c), message: `Listed under ${LEVEL[c.level!]}; ${name} lists it under ${LEVEL[tc.level!]}`, data: { criterion: p.doc, templateCriterion: tc.id } });
  }
  return out;
}
