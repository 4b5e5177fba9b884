#!/usr/bin/env bash
# Fresh machine -> everything Newsflow needs: Node 24, redis-server, Chromium, a JDK >= 21,
# node_modules, and the Elasticsearch distribution unzipped into .cache (so tests never download).
# Idempotent and silent when there is nothing to do. Use either way:
#   ./scripts/bootstrap.sh            (installs)
#   source scripts/bootstrap.sh       (installs, and exports PATH with Node 24 first)
# Sourced into an interactive shell it must not `set -e` or `exit`, hence functions + `return`.

_nf_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_nf_node_version="24.9.0"
_nf_apt_updated=""

_nf_say() { echo "bootstrap: $*" >&2; }

# Runs a step, timing it; the log is shown only on failure so a good run stays quiet.
_nf_step() {
  local label="$1" start log
  shift
  start=$(date +%s)
  log="$(mktemp)"
  _nf_say "$label..."
  # fd 4 lets a step print a line that matters even though its output is captured
  if "$@" 4>&2 >"$log" 2>&1; then
    _nf_say "$label done in $(($(date +%s) - start))s"
    rm -f "$log"
  else
    _nf_say "$label FAILED after $(($(date +%s) - start))s:"
    tail -n 40 "$log" >&2
    rm -f "$log"
    return 1
  fi
}

_nf_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else _nf_say "need root for: $*"; return 1
  fi
}

_nf_apt_install() {
  if [ -z "$_nf_apt_updated" ]; then
    _nf_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    _nf_apt_updated=1
  fi
  _nf_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

_nf_node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# (a) Node >= 24 first on PATH; an older system node is shadowed by the npm-registry build in .tools.
_nf_ensure_node() {
  local tools_bin="$_nf_root/.tools/node_modules/.bin"
  if command -v node >/dev/null 2>&1 && [ "$(_nf_node_major node)" -ge 24 ]; then return 0; fi
  if [ ! -x "$tools_bin/node" ] || [ "$(_nf_node_major "$tools_bin/node")" -lt 24 ]; then
    if ! command -v npm >/dev/null 2>&1; then _nf_step "apt install npm" _nf_apt_install npm || return 1; fi
    _nf_step "npm install node@$_nf_node_version into .tools" \
      npm install --no-save --no-audit --no-fund --prefix "$_nf_root/.tools" "node@$_nf_node_version" || return 1
  fi
  export PATH="$tools_bin:$PATH"
  [ "$(_nf_node_major node)" -ge 24 ] || { _nf_say "node in .tools does not run"; return 1; }
}

_nf_has_jdk21() {
  local home major
  for home in "${ES_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$home" ] && [ -f "$home/release" ] && [ -x "$home/bin/java" ] || continue
    major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
    [ "${major:-0}" -ge 21 ] && return 0
  done
  return 1
}

_nf_es_zip() {
  echo "${HOME:-/root}/.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch/9.5.0/elasticsearch-9.5.0.zip"
}

# (b) redis-server, (c) Chromium, unzip and maven for the ES distribution: one apt transaction.
_nf_ensure_system_packages() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v unzip >/dev/null 2>&1 || missing+=(unzip)
  if [ ! -f "$(_nf_es_zip)" ] && ! command -v mvn >/dev/null 2>&1; then missing+=(maven); fi
  [ ${#missing[@]} -eq 0 ] || _nf_step "apt install ${missing[*]}" _nf_apt_install "${missing[@]}"
}

# (d) Elasticsearch 9 needs Java 21+. Temurin is preinstalled on our machines; Debian 12 itself
# ships only 17, so the apt attempt helps on newer releases and otherwise we say what is missing.
_nf_ensure_jdk() {
  _nf_has_jdk21 && return 0
  _nf_step "apt install openjdk-21-jdk-headless" _nf_apt_install openjdk-21-jdk-headless && _nf_has_jdk21 && return 0
  _nf_say "no JDK >= 21 found (looked at ES_JAVA_HOME, JAVA_HOME, /usr/lib/jvm/*)."
  _nf_say "install one (e.g. Temurin 21 or 25 under /usr/lib/jvm) or point ES_JAVA_HOME to it."
  return 1
}

# (e) npm ci when node_modules is missing or older than the lockfile. If npm ci rejects the
# lockfile as out of sync with package.json, `npm install --no-save` still installs from it
# without rewriting it (CI must not fail on that, and the lockfile belongs to whoever changed it).
_nf_npm_install() {
  npm ci --no-audit --no-fund --loglevel=error && return 0
  echo "bootstrap: npm ci failed (lockfile out of sync?); falling back to npm install --no-save" >&4
  npm install --no-save --no-audit --no-fund --loglevel=error
}

# The lock serialises with other npm runs in a shared checkout (npm ci deletes node_modules first).
_nf_ensure_node_modules() {
  local marker="$_nf_root/node_modules/.package-lock.json"
  if [ -f "$marker" ] && [ ! "$_nf_root/package-lock.json" -nt "$marker" ]; then return 0; fi
  (
    cd "$_nf_root" || exit 1
    if command -v flock >/dev/null 2>&1; then flock -w 900 9 || exit 1; fi
    _nf_step "npm ci" _nf_npm_install
  ) 9>>/tmp/newsflow-npm.lock
}

# (f) The Elasticsearch zip (mvn -> ~/.m2) unzipped into .cache, by devstack's own code, which
# also knows the fallback location used when the checkout is not readable by the ES user.
_nf_ensure_elasticsearch() {
  [ -x "$_nf_root/.cache/elasticsearch-9.5.0/bin/elasticsearch" ] && return 0
  node "$_nf_root/packages/devstack/src/prepare-elasticsearch.ts"
}

_nf_bootstrap() {
  local start=$SECONDS
  _nf_ensure_node || return 1
  _nf_ensure_system_packages || return 1
  _nf_ensure_jdk || return 1
  _nf_ensure_node_modules || return 1
  _nf_ensure_elasticsearch || return 1
  if [ $((SECONDS - start)) -gt 1 ]; then _nf_say "ready in $((SECONDS - start))s"; fi
}

_nf_cleanup() {
  unset -f _nf_say _nf_step _nf_as_root _nf_apt_install _nf_node_major _nf_ensure_node _nf_has_jdk21 \
    _nf_es_zip _nf_ensure_system_packages _nf_ensure_jdk _nf_npm_install _nf_ensure_node_modules _nf_ensure_elasticsearch \
    _nf_bootstrap _nf_cleanup
  unset _nf_root _nf_node_version _nf_apt_updated
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # sourced: report failure through `source`'s status, never exit the caller's shell
  if _nf_bootstrap; then _nf_cleanup; else _nf_cleanup; return 1; fi
else
  set -euo pipefail
  _nf_bootstrap
fi
