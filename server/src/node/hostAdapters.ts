/** Node-side implementations of the core's host interfaces. */
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FileSystem, Logger } from '../service/host';

export const nodeFileSystem: FileSystem = {
  async readFile(uri) {
    try {
      return await readFile(uri.startsWith('file:') ? fileURLToPath(uri) : uri, 'utf8');
    } catch {
      return undefined;
    }
  },
  async exists(uri) {
    try {
      await stat(uri.startsWith('file:') ? fileURLToPath(uri) : uri);
      return true;
    } catch {
      return false;
    }
  },
};

/** A logger over any sink of lines, with a threshold. */
export function lineLogger(sink: { log(m: string): void; warn(m: string): void; error(m: string): void }, verbose: boolean): Logger {
  return {
    debug: (m) => { if (verbose) sink.log(m); },
    info: (m) => sink.log(m),
    warn: (m) => sink.warn(m),
    error: (m) => sink.error(m),
  };
}
