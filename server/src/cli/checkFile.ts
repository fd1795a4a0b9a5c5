/**
 * One file of `diligence check`: the template, the link checks and the diagnostics all read one
 * analysis of it (version 0 in a one-shot service, see DiligenceServiceOptions.oneShot), which
 * is let go at the end. With version -1 each of them parsed the whole file again.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { linkRootsFor } from '../node/hostAdapters';
import { noCancellation, type DiligenceService } from '../service/index';

export interface CheckFileOptions {
  /** the template may be read through the network */
  allowNetwork: boolean;
  /** `--offline`: web links are not checked (said once), relative links are */
  offline: boolean;
  /** links are checked at all (diligence.links.enabled) */
  checkLinks: boolean;
}

/** The document of a file for a one-shot service: one version, analysed once. */
export function fileDocument(path: string, text: string): { uri: string; version: number; getText(): string } {
  return { uri: pathToFileURL(resolve(path)).toString(), version: 0, getText: () => text };
}

export async function checkFile(service: DiligenceService, path: string, text: string, opts: CheckFileOptions): Promise<Diagnostic[]> {
  const doc = fileDocument(path, text);
  try {
    // where it could not be read, the diagnostics say so (built-in criteria)
    await service.templates.resolve(doc, { allowNetwork: opts.allowNetwork, history: false }, noCancellation);
    if (opts.checkLinks) await service.checkLinks(doc, { allowNetwork: !opts.offline, ...(opts.offline ? { offline: true } : {}), roots: await linkRootsFor(doc.uri, []) }, noCancellation);
    return service.diagnostics(doc);
  } finally {
    service.closeDocument(doc.uri);
  }
}
