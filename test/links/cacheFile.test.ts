import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileCacheStorage } from '../../server/src/node/cacheFile';
import { LinkCache } from '../../server/src/service/links/cache';
import { main } from '../../server/src/cli';
import { EXAMPLE } from '../support/docs';

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

  it('a FIFO or a file of more than 128 MB in the cache folder is said and ignored: never a hang, never read whole', async function () {
    if (spawnSync('mkfifo', ['--version']).status !== 0) {
      console.log('      (skipped: no mkfifo here)');
      this.skip();
    }
    const dir = await mkdtemp(join(tmpdir(), 'diligence-cache-'));
    try {
      assert.equal(spawnSync('mkfifo', [join(dir, 'links.json')]).status, 0);
      await assert.rejects(fileCacheStorage(join(dir, 'links.json')).load(), /not a regular file/);
      // a sparse file: its size says it all, nothing is read
      await writeFile(join(dir, 'templates.json'), '');
      await truncate(join(dir, 'templates.json'), 200_000_000);
      await assert.rejects(fileCacheStorage(join(dir, 'templates.json')).load(), /200 MB, more than a cache file is read/);
      // the CLI over such a folder: each said on stderr, the check runs to its end
      assert.equal(spawnSync('mkfifo', [join(dir, 'results.json')]).status, 0);
      let err = '';
      const code = await main(['check', EXAMPLE, '--offline', '--cache-dir', dir, '--format', 'json'], () => {}, (s) => { err += s + '\n'; });
      assert.equal(code, 0, err);
      assert.match(err, /could not read results\.json: Error: not a regular file/);
      assert.match(err, /could not read templates\.json: Error: 200 MB/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
