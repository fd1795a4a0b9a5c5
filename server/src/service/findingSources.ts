/**
 * Where a document's findings come from: one list of sources, each gated here, once, by its own
 * setting. The service concatenates their findings in the list's order.
 */
import type { DiligenceConfig } from './config';
import type { Finding } from './findings';
import type { DiligenceModel } from './model/types';

export interface FindingSource {
  /** what it is, for the reader */
  readonly name: string;
  /** whether the settings turn it on */
  enabled(config: DiligenceConfig): boolean;
  findings(uri: string, model: DiligenceModel): readonly Finding[];
}

export { networkChecksEnabled } from './config';

/** The findings of every source the settings turn on. */
export function findingsFrom(sources: readonly FindingSource[], uri: string, model: DiligenceModel, config: DiligenceConfig): Finding[] {
  const out: Finding[] = [];
  for (const source of sources) if (source.enabled(config)) out.push(...source.findings(uri, model));
  return out;
}
