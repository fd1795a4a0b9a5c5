/**
 * One file of `diligence check`: the template, the link checks and the diagnostics all read one
 * analysis of it (version 0 in a one-shot service, see DiligenceServiceOptions.oneShot), which
 * is let go at the end. With version -1 each of them parsed the whole file again.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { linkRootsFor } from '../node/hostAdapters';
import { interviewFilesBeside } from '../node/interviewFiles';
import type { InterviewText } from '../service/interviews/index';
import { folderOf } from '../service/interviews/index';
import { noCancellation, type DiligenceService } from '../service/index';
import { fileDocument } from './fileDocument';
import { relativeTargets, templateFiles, type ResultsStore, type RunRecord } from './resultsCache';

export interface CheckFileOptions {
  /** the template may be read through the network */
  allowNetwork: boolean;
  /** `--offline`: web links are not checked (said once), relative links are */
  offline: boolean;
  /** links are checked at all (diligence.links.enabled) */
  checkLinks: boolean;
  /** the interview files beside a document (default: its folder listed again for each file) */
  interviewsBeside?: (docUri: string) => Promise<InterviewText[] | undefined>;
  /** `--cache-dir`: results reused when nothing they depend on changed */
  cache?: { results: ResultsStore; record: RunRecord } | undefined;
}

export { fileDocument } from './fileDocument';

export async function checkFile(service: DiligenceService, path: string, text: string, opts: CheckFileOptions): Promise<Diagnostic[]> {
  const doc = fileDocument(path, text);
  const cache = opts.cache;
  const key = cache?.results.key(doc.uri, text);
  if (cache && key !== undefined) {
    const hit = cache.results.get(key, Date.now());
    if (hit) return hit;
  }
  try {
    // an adopter interview: its own lints, not a due diligence's
    if (service.interviews.isInterview(doc)) return service.interviews.diagnostics(doc);
    // the interview files beside a due diligence count for its adoption criteria
    const beside = await (opts.interviewsBeside ?? interviewFilesBeside)(doc.uri);
    if (beside) service.interviews.setFiles(folderOf(doc.uri), beside);
    // where it could not be read, the diagnostics say so (built-in criteria)
    await service.templates.resolve(doc, { allowNetwork: opts.allowNetwork, history: false }, noCancellation);
    if (opts.checkLinks) await service.checkLinks(doc, { allowNetwork: !opts.offline, ...(opts.offline ? { offline: true } : {}), roots: await linkRootsFor(doc.uri, []) }, noCancellation);
    const diagnostics = service.diagnostics(doc);
    if (cache && key !== undefined) {
      const now = Date.now();
      const model = service.getModel(doc);
      const template = model ? service.templates.state(doc.uri, model)?.resolved.template.info : undefined;
      const c = service.config;
      const validity = cache.record.validity(doc.uri, c.links.cacheTtl, template, c.templates.cacheTtl, now, !opts.offline);
      // the folder too: an interview file added to it changes its mtime
      const interviews = beside ? [dirname(fileURLToPath(doc.uri)), ...beside.map((f) => fileURLToPath(f.uri))] : [];
      if (validity !== 'transient') cache.results.set(key, diagnostics, model ? [...relativeTargets(doc.uri, model), ...templateFiles(doc.uri, template), ...interviews] : [], validity, now);
    }
    return diagnostics;
  } finally {
    service.closeDocument(doc.uri);
  }
}
