/**
 * Graduation asks for maintainers from at least two organisations. When the project's
 * `.project` maintainers state companies on their GitHub profiles and all those stated are one
 * organisation, the criterion that asks for it (a profile criterion whose evidence includes
 * `maintainer-organisations`, in a Graduation profile) gets `maintainers-one-organisation`,
 * saying what data it rests on. Nothing is said when no maintainer states a company: the data
 * cannot tell, and organisations are never guessed.
 */
import { Code } from '../codes';
import type { Finding } from '../findings';
import type { DiligenceModel } from '../model/types';
import type { EvidenceItem, ProfileMatch } from '../profiles/types';
import { headSpan } from '../rules/criteria';
import { isoDay } from './dated';

interface OrgDetails {
  organisations?: Array<{ name: string; maintainers: number }>;
  unstated?: number;
  maintainers?: number;
}

export function diversityFindings(model: DiligenceModel, match: ProfileMatch | undefined, items: readonly EvidenceItem[], checkedAt: number | undefined): Finding[] {
  if (!match || !/graduat/i.test(match.profile.stage)) return [];
  const item = items.find((i) => i.detector === 'maintainer-organisations' && Array.isArray(i.details?.['organisations']));
  const d = (item?.details ?? {}) as OrgDetails;
  if (!item || d.organisations?.length !== 1) return [];
  const org = d.organisations[0]!;
  const asOf = checkedAt !== undefined ? `, as of ${isoDay(new Date(checkedAt))}` : '';
  const unstated = d.unstated ? `; ${d.unstated} of ${d.maintainers ?? '?'} state no company, so this may not be the whole picture` : '';
  const message = `Graduation asks for maintainers from at least two organisations: every maintainer of ${item.repo}'s maintainers.yaml who states a company on their GitHub profile states ${org.name} (${org.maintainers}${unstated}${asOf})`;
  const out: Finding[] = [];
  for (const c of model.criteria) {
    const pc = match.criteria[c.index];
    if (!pc?.evidence.includes('maintainer-organisations')) continue;
    out.push({ code: Code.maintainersOneOrganisation, span: headSpan(c), message, data: { criterion: c.index } });
  }
  return out;
}
