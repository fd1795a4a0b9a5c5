// `npm run diligence` / `npm run server`: build the bundles only when one of those asked for is
// missing or older than a source it is built from (a fresh clone builds once; later calls start at once).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundles = (process.argv.length > 2 ? process.argv.slice(2) : ['cli.cjs']).map((b) => join(root, 'dist', b));
const SOURCES = ['server/src', 'shared', 'esbuild.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

function newest(path) {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

const built = Math.min(...bundles.map((b) => (existsSync(b) ? statSync(b).mtimeMs : -1)));
if (built < 0 || SOURCES.some((s) => newest(join(root, s)) > built)) {
  execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' });
}
