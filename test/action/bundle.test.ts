/**
 * action/main.cjs is committed (the runner runs the action from its checkout, with no install
 * and no build). It must be exactly what the sources build, or the action would run old code.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/docs';

describe('the action\'s committed bundle', function () {
  this.timeout(60_000);
  it('action/main.cjs is byte for byte what `npm run build:action` builds from these sources', () => {
    const dir = mkdtempSync(join(tmpdir(), 'diligence-action-build-'));
    try {
      const fresh = join(dir, 'main.cjs');
      execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs'), `--action=${fresh}`, '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
      const committed = readFileSync(join(ROOT, 'action', 'main.cjs'));
      const built = readFileSync(fresh);
      assert.ok(committed.equals(built), `action/main.cjs (${committed.length} bytes) differs from a fresh build (${built.length} bytes): run \`npm run build:action\` and commit action/main.cjs`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is self-contained: it needs nothing from node_modules', () => {
    const js = readFileSync(join(ROOT, 'action', 'main.cjs'), 'utf8');
    const required = [...js.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!).filter((m) => !m.startsWith('node:'));
    const builtins = new Set(['assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os', 'path', 'process', 'stream', 'string_decoder', 'tls', 'url', 'util', 'zlib', 'worker_threads', 'perf_hooks', 'async_hooks', 'diagnostics_channel', 'querystring', 'stream/web', 'timers', 'tty', 'http2', 'dgram', 'v8', 'vm', 'module', 'readline', 'constants', 'punycode', 'inspector', 'cluster', 'sqlite', 'util/types', 'timers/promises', 'dns/promises', 'stream/promises', 'path/posix', 'path/win32', 'trace_events', 'wasi']);
    assert.deepEqual([...new Set(required.filter((m) => !builtins.has(m)))], []);
  });
});
