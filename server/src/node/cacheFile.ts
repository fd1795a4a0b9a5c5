/**
 * CacheStorage on a file (the extension's global storage folder, the CLI's --cache-dir). Writes
 * go to a temporary file renamed over the old one, so a crash mid-write leaves the previous cache.
 */
import { constants } from 'node:fs';
import { mkdir, open, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CacheStorage } from '../service/host';

/** bytes of a cache file read at most (a results cache of 5,000 large documents stays under it) */
export const MAX_CACHE_FILE_BYTES = 128_000_000;

/** A cache kept in the file at `path`; a missing file is an empty cache, one that is no regular file or too large an error. */
export function fileCacheStorage(path: string): CacheStorage {
  return {
    async load() {
      let fh;
      try {
        // without blocking: a FIFO in the cache folder (a --cache-dir inside a repository) would hang the read
        fh = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      } catch {
        return undefined;
      }
      try {
        const st = await fh.stat();
        // said by the caller ("could not read …"); the next save writes a good one in its place
        if (!st.isFile()) throw new Error('not a regular file: ignored');
        if (st.size > MAX_CACHE_FILE_BYTES) throw new Error(`${(st.size / 1e6).toFixed(0)} MB, more than a cache file is read (${MAX_CACHE_FILE_BYTES / 1e6} MB): ignored`);
        // one decode of the whole file: readFile(path, 'utf8') decodes chunk by chunk, several
        // times slower on a cache of megabytes
        return (await fh.readFile()).toString('utf8');
      } finally {
        await fh.close();
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
