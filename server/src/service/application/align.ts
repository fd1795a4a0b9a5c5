/**
 * An application issue's criteria against the current DD template's, by meaning (the template
 * alignment documents get: stable ids of the profile's overlays, then the matcher on the
 * template's own criteria). Issues are written on older template versions too: a criterion
 * reworded since still pairs; one the template dropped stays unpaired. A criterion the issue
 * answers twice (pasted twice) pairs both answers with the one template criterion.
 */
import { alignDocument } from '../template/align';
import { normaliseTitle, type TemplateModel } from '../template/model';
import type { ApplicationIssue } from './parse';

export interface ApplicationAlignment {
  template: TemplateModel;
  /** by template criterion: the issue's criteria that answer it, in the issue's order */
  answers: number[][];
  /** by issue criterion: the template criterion, or -1 */
  toTemplate: number[];
  /** issue criteria the current template does not have */
  notInTemplate: number[];
}

export function alignApplication(app: ApplicationIssue, template: TemplateModel): ApplicationAlignment {
  const a = alignDocument(app.model, template);
  const toTemplate = [...a.docToTemplate];
  const byTitle = new Map<string, number>();
  template.criteria.forEach((c) => byTitle.set(normaliseTitle(c.title), c.index));
  toTemplate.forEach((t, d) => {
    if (t >= 0) byTitle.set(normaliseTitle(app.model.criteria[d]!.title), t);
  });
  // the same criterion a second time: the answer belongs with the first
  toTemplate.forEach((t, d) => {
    if (t < 0) toTemplate[d] = byTitle.get(normaliseTitle(app.model.criteria[d]!.title)) ?? -1;
  });
  const answers = template.criteria.map(() => [] as number[]);
  toTemplate.forEach((t, d) => {
    if (t >= 0) answers[t]!.push(d);
  });
  return { template, answers, toTemplate, notInTemplate: toTemplate.flatMap((t, d) => (t < 0 ? [d] : [])) };
}
