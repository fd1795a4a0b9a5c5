import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli';
import { document } from '../fuzz/arbitraries';
import { EXAMPLE, HAVE_SHARED, ROOT, SEED, SHARED } from '../support/docs';

/**
 * The bundles are built with a change to mdast-util-from-markdown (esbuild.mjs,
 * from-markdown-context: one context for its handlers instead of a copy per event), which the
 * tests run from the sources do not have: the bundled CLI must print what the sources print.
 */
describe('CLI: the bundle checks documents exactly as the sources do (issue 21)', function () {
  this.timeout(120_000);
  const cli = join(ROOT, 'dist', 'cli.cjs');

  it('on the example, generated documents, and the seed and every reference markdown file when ../shared is there', async function () {
    if (!existsSync(cli)) {
      console.log('      (skipped: dist/cli.cjs is not built)');
      this.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'diligence-bundle-'));
    try {
      const files = [EXAMPLE];
      fc.sample(document, { numRuns: 60, seed: 20261202 }).forEach((text, i) => {
        const f = join(dir, `generated-${i}.md`);
        writeFileSync(f, text);
        files.push(f);
      });
      if (HAVE_SHARED) {
        files.push(SEED);
        const ref = join(SHARED, 'reference', 'cncf-toc');
        files.push(...readdirSync(ref, { recursive: true }).map(String).filter((f) => f.endsWith('.md')).map((f) => join(ref, f)));
      } else {
        console.log('      (../shared not found: the seed and the reference files were skipped)');
      }
      const args = ['check', ...files, '--offline', '--format', 'json'];
      let sources = '';
      await main(args, (s) => { sources += s + '\n'; }, () => {});
      const bundle = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.ok(bundle.stdout.length > 1000, bundle.stderr);
      assert.equal(bundle.stdout, sources);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
