/**
 * CacheStorage on a file (the extension's global storage folder, the CLI's --cache-dir). Writes
 * go to a temporary file renamed over the old one, so a crash mid-write leaves the previous cache.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CacheStorage } from '../service/links/types';

export function fileCacheStorage(path: string): CacheStorage {
  return {
    async load() {
      try {
        return await readFile(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    async save(data: string) {
      await mkdir(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, data, { encoding: 'utf8', mode: 0o600 });
      await rename(tmp, path);
    },
  };
}
