import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileCacheStorage } from '../../server/src/node/cacheFile';
import { LinkCache } from '../../server/src/service/links/cache';

describe('links: cache file', () => {
  it('saves atomically and loads back; a missing file loads nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'diligence-cache-'));
    try {
      const storage = fileCacheStorage(join(dir, 'sub', 'links.json'));
      assert.equal(await new LinkCache().load(storage), 0);
      const c = new LinkCache();
      c.set('http:https://example.org/', { checkedAt: Date.now(), problems: [] }, 60_000);
      await c.save(storage);
      assert.deepEqual(await readdir(join(dir, 'sub')), ['links.json'], 'no temporary file left');
      const d = new LinkCache();
      assert.equal(await d.load(storage), 1);
      assert.ok(d.get('http:https://example.org/', Date.now()));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
