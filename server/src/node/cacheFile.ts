/**
 * CacheStorage on a file (the extension's global storage folder, the CLI's --cache-dir). Writes
 * go to a temporary file renamed over the old one, so a crash mid-write leaves the previous cache.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CacheStorage } from '../service/host';

export function fileCacheStorage(path: string): CacheStorage {
  return {
    async load() {
      try {
        // one decode of the whole file: readFile(path, 'utf8') decodes chunk by chunk, several
        // times slower on a cache of megabytes
        return (await readFile(path)).toString('utf8');
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

/** A cache kept in `dir/file`, loaded now; a file that cannot be read is logged and left alone. */
export async function openPersistedCache(cache: { load(storage: CacheStorage): Promise<number> }, dir: string, file: string, logger: { warn(message: string): void }): Promise<CacheStorage> {
  const storage = fileCacheStorage(join(dir, file));
  try {
    await cache.load(storage);
  } catch (e) {
    logger.warn(`could not read ${file}: ${String(e)}`);
  }
  return storage;
}
