/** The document of a FILE argument: one URI for the analysis and the results cache alike. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The document of a file for a one-shot service: one version, analysed once. */
export function fileDocument(path: string, text: string): { uri: string; version: number; getText(): string } {
  return { uri: pathToFileURL(resolve(path)).toString(), version: 0, getText: () => text };
}
