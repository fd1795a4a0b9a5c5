/**
 * The npm package (issue 14): packages/cli, the CLI as `@diligence-tools/cli`, a name under the
 * project's own scope. Its content is read from `npm pack --dry-run --json` (which runs its
 * prepack: the bundle is built) and checked like the .vsix's: only what a user needs. Then the
 * packed tarball is installed into a temporary prefix, offline (it has no dependency), and its
 * `diligence` executable runs.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VERSION } from '../../server/src/cli';
import { ROOT, SMALL } from '../support/docs';

const PKG = join(ROOT, 'packages', 'cli');
const MAX_BYTES = 1024 * 1024;

interface Packed { name: string; version: string; filename: string; size: number; files: Array<{ path: string; size: number }> }

function npm(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  // no network: the registry is never asked (offline, and a registry nobody listens on)
  return spawnSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--registry', 'http://127.0.0.1:9/'], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
}

describe('package (npm: @diligence-tools/cli)', function () {
  this.timeout(120_000);
  const manifest = JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')) as Record<string, unknown>;
  let packed: Packed;

  before(function () {
    const r = npm(['pack', '--dry-run', '--json'], PKG);
    assert.equal(r.status, 0, r.stderr);
    packed = (JSON.parse(r.stdout) as Packed[])[0]!;
  });

  it('npm pack lists only what a user needs: the CLI\'s two bundles, package.json, README, LICENSE', () => {
    assert.deepEqual(packed.files.map((f) => f.path).sort(), ['LICENSE', 'README.md', 'dist/cli-core.cjs', 'dist/cli.cjs', 'package.json']);
    assert.ok(packed.size < MAX_BYTES, `${packed.size} bytes packed`);
    const bundle = readFileSync(join(PKG, 'dist', 'cli.cjs'), 'utf8');
    assert.ok(bundle.startsWith('#!/usr/bin/env node\n'), 'the bin starts with its interpreter line');
    assert.ok(!/sourceMappingURL/.test(bundle.slice(-500)), 'no sourcemap reference');
    assert.ok(!bundle.includes(ROOT), 'no path of this checkout in the bundle');
  });

  it('is publishable under a scoped name: not private, bin and files, the same version as the CLI and the extension', () => {
    assert.match(manifest.name as string, /^@diligence-tools\/[a-z-]+$/);
    assert.equal(manifest.private, undefined);
    assert.deepEqual(manifest.bin, { diligence: 'dist/cli.cjs' });
    assert.deepEqual(manifest.files, ['dist/cli.cjs', 'dist/cli-core.cjs']);
    assert.equal(manifest.dependencies, undefined, 'the bundle is self-contained');
    const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; license: string; engines: { node: string } };
    assert.deepEqual([manifest.version, VERSION], [root.version, root.version]);
    assert.equal(manifest.license, root.license);
    assert.deepEqual(manifest.engines, { node: root.engines.node });
    // the README the package ships uses the package's own name
    assert.ok(readFileSync(join(PKG, 'README.md'), 'utf8').includes(`npx ${manifest.name as string} check`));
  });

  it('installs from the packed tarball, offline, and `diligence` runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'diligence-npm-'));
    try {
      const pack = npm(['pack', '--pack-destination', dir], PKG);
      assert.equal(pack.status, 0, pack.stderr);
      const tarball = join(dir, pack.stdout.trim().split('\n').at(-1)!);
      const prefix = join(dir, 'prefix');
      const install = npm(['install', '--global', '--prefix', prefix, tarball], dir);
      assert.equal(install.status, 0, install.stderr);
      const bin = join(prefix, 'bin', 'diligence');
      const version = spawnSync(bin, ['--version'], { encoding: 'utf8' });
      assert.equal(version.stdout, `${VERSION}\n`, version.stderr);
      const doc = join(dir, 'dd.md');
      writeFileSync(doc, SMALL);
      const check = spawnSync(bin, ['check', '--offline', doc], { encoding: 'utf8', cwd: dir });
      assert.equal(check.status, 0, check.stderr);
      assert.match(check.stdout, /^dd\.md:5:2: warning placeholder /m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
