#!/usr/bin/env bash
# Installs what the offline end-to-end test needs, idempotently, into test/e2e/.work/ (git-ignored):
#   * Debian packages: chromium (the browser playwright-core drives), ripgrep (VS Code's file
#     search; code-server's own postinstall would download it from GitHub), and the build tools
#     for code-server's native modules (g++, make, python3, libkrb5-dev for `kerberos`);
#   * code-server 4.100.3 (= VS Code 1.100.3, the newest that runs on Node 20) from the npm
#     registry, WITHOUT its postinstall (which fetches ripgrep from GitHub); its steps are done by
#     hand below, with native modules built from source against Node's headers in /usr/include/node.
# Network: the npm registry and Debian apt only. Every finished step leaves a stamp file and is
# skipped next time; a second run takes about a second.
#
# usage: bash test/e2e/setup.sh       (npm run test:e2e calls it)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
WORK=${E2E_WORK:-$HERE/.work}
CS_VERSION=4.100.3
CS_DIR="$WORK/code-server"
CS_HOME="$CS_DIR/node_modules/code-server"
VSC="$CS_HOME/lib/vscode"

# npm: cache inside .work (nothing written to ~/.npm), no audit/fund/update chatter. node-gyp must
# build against the local headers, otherwise it downloads them from nodejs.org (unreachable).
export npm_config_cache="$WORK/npm-cache" npm_config_audit=false npm_config_fund=false \
  npm_config_update_notifier=false npm_config_nodedir=/usr
# node-pty's install script runs `npx node-gyp …`; with `yes=false` in a user's .npmrc npx refuses
# to fetch node-gyp and the whole rebuild fails
export npm_config_yes=true

T0=$(date +%s.%N)
lap() { awk -v a="$T0" -v b="$(date +%s.%N)" -v s="$1" 'BEGIN{printf "[setup %6.1fs] %s\n", b-a, s}'; }
fail() { echo "e2e setup: $*" >&2; exit 1; }

[ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] || fail "code-server $CS_VERSION needs Node 20 (found $(node --version))"
mkdir -p "$WORK"

# ---- 1. Debian packages ------------------------------------------------------------------------
missing=()
for p in chromium ripgrep g++ make libkrb5-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || fail "missing ${missing[*]} and no apt-get to install them"
  [ "$(id -u)" = 0 ] || fail "missing ${missing[*]}: run as root (apt-get install) or install them first"
  echo "apt-get install ${missing[*]}"
  # another process may hold the dpkg lock for a while: wait for it instead of failing
  apt_get() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -y -q "$@"; }
  # a fresh machine has no package lists: update first when the install cannot find a package
  apt_get install --no-install-recommends "${missing[@]}" || { apt_get update && apt_get install --no-install-recommends "${missing[@]}"; }
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing after apt-get install chromium"
# Node's headers: Node 20 from nodesource ships them in /usr/include/node
[ -f /usr/include/node/node.h ] || fail "Node's C headers are not in /usr/include/node (native modules cannot be built offline)"
lap "debian packages"

# ---- 2. code-server from npm, without install scripts -----------------------------------------
installed=$(node -p "try { require('$CS_HOME/package.json').version } catch { '' }")
if [ "$installed" != "$CS_VERSION" ]; then
  rm -f "$CS_DIR"/.stamp-*
  mkdir -p "$CS_DIR"
  [ -f "$CS_DIR/package.json" ] || echo '{ "private": true }' > "$CS_DIR/package.json"
  (cd "$CS_DIR" && npm install --ignore-scripts --no-save "code-server@$CS_VERSION")
fi
lap "code-server $CS_VERSION (npm)"

# ---- 3. argon2: code-server loads it at startup; build from source (the prebuilt binary would be
#         downloaded from GitHub)
if [ ! -f "$CS_DIR/.stamp-argon2" ]; then
  (cd "$CS_DIR" && npm rebuild argon2 --build-from-source --foreground-scripts)
  touch "$CS_DIR/.stamp-argon2"
fi
lap "argon2"

# ---- 4. what code-server's postinstall would do for its VS Code, by hand ------------------------
if [ ! -f "$CS_DIR/.stamp-vscode" ]; then
  (
    cd "$VSC"
    npm install --omit=dev --ignore-scripts
    # @vscode/ripgrep's install script downloads rg from GitHub unless bin/rg exists: use Debian's
    mkdir -p node_modules/@vscode/ripgrep/bin
    ln -sfn /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
    npm rebuild --foreground-scripts
    rm -rf node_modules.asar && ln -s node_modules node_modules.asar
    (cd bin/remote-cli && rm -f code-server && ln -s code-linux.sh code-server)
    (cd bin/helpers && rm -f browser.sh && ln -s browser-linux.sh browser.sh)
    (cd extensions && npm install --omit=dev --ignore-scripts)
  )
  touch "$CS_DIR/.stamp-vscode"
fi
lap "VS Code server dependencies"

# ---- 5. smoke test: every native module loads, rg runs ------------------------------------------
if [ ! -f "$CS_DIR/.stamp-smoke" ]; then
  (cd "$VSC" && node -e '
    for (const m of ["node-pty", "@vscode/spdlog", "native-watchdog", "kerberos", "@parcel/watcher", "@vscode/deviceid"]) require(m);
    require("child_process").execFileSync(require("@vscode/ripgrep").rgPath, ["--version"]);')
  (cd "$CS_DIR" && node -e 'require("argon2")')
  touch "$CS_DIR/.stamp-smoke"
fi
lap "native modules load"
echo "e2e setup done: $CS_HOME"
