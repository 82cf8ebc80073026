#!/usr/bin/env bash
# Makes this machine able to run the Testcontainers suites without any container registry:
#   1. Debian packages docker.io and mmdebstrap (and, for the outgoing-TLS tests, dnsmasq-base, their DNS server,
#      postfix, their receiving mail servers, and openssl, which makes Postfix's key files; the system's own
#      Postfix is never configured nor started: the tests run instances of their own),
#   2. a running Docker engine,
#   3. the base image imsa-james/jre:17 (Debian bookworm + a JRE, built from the host's apt mirror),
#   4. the James image apache/james:memory-3.8.1 with the official image's layout
#      (/root/libs, /root/conf, /root/extensions-jars, working directory /root).
# Idempotent: every step is skipped when its result is already there. Run as root, after
# `mvn -B install -DskipTests` of the root project (step 4 reads the James class path it writes).
#
# Environment: JAMES_IMAGE (default apache/james:memory-3.8.1), BASE_IMAGE (default imsa-james/jre:17),
#              DOCKERD_LOG (default /var/log/imsa-james-dockerd.log).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(cd "$HERE/../.." && pwd)"
JAMES_IMAGE="${JAMES_IMAGE:-apache/james:memory-3.8.1}"
BASE_IMAGE="${BASE_IMAGE:-imsa-james/jre:17}"
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/imsa-james-dockerd.log}"
CLASSPATH_FILE="$PROJECT_ROOT/integration-tests/james-runtime/target/james.classpath"
SUITE=bookworm
HASH_LABEL=org.imsajames.inputs-sha256

say()  { printf '[provision] %s\n' "$*"; }
fail() { printf '[provision] ERROR: %s\n' "$*" >&2; exit 1; }

# Runs a named step and reports how long it took.
step() {
  local name="$1"; shift
  local start=$SECONDS
  say "$name ..."
  "$@"
  say "$name: done in $((SECONDS - start)) s"
}

[ "$(id -u)" -eq 0 ] || fail "run as root (installs packages, starts dockerd, runs mmdebstrap)"

install_packages() {
  local missing=()
  command -v docker >/dev/null 2>&1 && command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
  # The outgoing-TLS suites' own DNS server (org.imsajames.outgoing.TestDns).
  command -v dnsmasq >/dev/null 2>&1 || missing+=(dnsmasq-base)
  # The outgoing-TLS suites' receivers (org.imsajames.outgoing.PostfixReceivers) and their key files.
  command -v postfix >/dev/null 2>&1 || missing+=(postfix)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  if [ ${#missing[@]} -eq 0 ]; then
    say "docker, mmdebstrap, dnsmasq, postfix and openssl already installed"
  else
    say "installing ${missing[*]} from Debian"
    # "No configuration": no main.cf is written and no system MTA is started on port 25.
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    apt-get update -q || fail "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" \
      || fail "apt-get install ${missing[*]} failed"
  fi
  stop_system_postfix
}

# A system Postfix (an earlier configuration, or a package that started one) would hold port 25 of 127.0.0.1 and
# the tests' mail could meet it: stop it and keep it from starting at boot. The tests' own instances run from their
# own config folders and are not touched.
stop_system_postfix() {
  if [ -f /etc/postfix/main.cf ] && postfix status >/dev/null 2>&1; then
    say "stopping the system Postfix (the tests run their own)"
    postfix stop || fail "could not stop the system Postfix"
  fi
  if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled postfix >/dev/null 2>&1; then
    systemctl disable --now postfix >/dev/null 2>&1 || say "warning: systemctl disable postfix failed"
  fi
}

docker_answers() { docker info >/dev/null 2>&1; }

start_docker() {
  if docker_answers; then
    say "Docker engine already answers on /var/run/docker.sock"
    return
  fi
  say "starting dockerd in the background (log: $DOCKERD_LOG)"
  mkdir -p "$(dirname "$DOCKERD_LOG")"
  # setsid: the engine must outlive this script and its terminal.
  setsid dockerd >>"$DOCKERD_LOG" 2>&1 < /dev/null &
  local waited=0
  until docker_answers; do
    if [ $waited -ge 60 ]; then
      tail -n 20 "$DOCKERD_LOG" >&2 || true
      fail "dockerd did not answer within 60 s; see $DOCKERD_LOG"
    fi
    sleep 1; waited=$((waited + 1))
  done
  say "Docker engine up after ${waited} s"
}

# The host's apt sources are the only Debian mirror known to be reachable: reuse its URIs
# for the suite, its -updates and its -security, from one-line (.list) or deb822 (.sources) files.
host_mirror_lines() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    case "$f" in
      *.sources) awk -v suite="$SUITE" "$MIRRORS_FROM_DEB822" "$f" ;;
      *)         awk -v suite="$SUITE" "$MIRRORS_FROM_ONE_LINE" "$f" ;;
    esac
  done | awk '!seen[$0]++'
}

# awk programs (POSIX awk: Debian's default is mawk) printing "deb URI SUITE main" for the suite,
# SUITE-updates and SUITE-security.
MIRRORS_FROM_ONE_LINE='
  function wanted(s) { return s == suite || s == suite "-updates" || s == suite "-security" }
  $1 == "deb" {
    i = 2
    if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
    if (wanted($(i + 1))) print "deb " $i " " $(i + 1) " main"
  }'
MIRRORS_FROM_DEB822='
  function wanted(s) { return s == suite || s == suite "-updates" || s == suite "-security" }
  function flush(   i, j, nu, ns, u, s) {
    if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no") {
      nu = split(uris, u, /[ \t]+/); ns = split(suites, s, /[ \t]+/)
      for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++)
        if (u[i] != "" && wanted(s[j])) print "deb " u[i] " " s[j] " main"
    }
    types = uris = suites = enabled = ""
  }
  /^[ \t]*$/ { flush(); next }
  /^#/ { next }
  {
    key = tolower($1); sub(/:$/, "", key); value = $0; sub(/^[^:]*:[ \t]*/, "", value)
    if (key == "types") types = value
    else if (key == "uris") uris = value
    else if (key == "suites") suites = value
    else if (key == "enabled") enabled = tolower(value)
  }
  END { flush() }'

image_exists() { docker image inspect "$1" >/dev/null 2>&1; }
image_label()  { docker image inspect -f "{{ index .Config.Labels \"$HASH_LABEL\" }}" "$1" 2>/dev/null || true; }

build_base_image() {
  if image_exists "$BASE_IMAGE"; then
    say "$BASE_IMAGE already present"
    return
  fi
  local mirrors=()
  mapfile -t mirrors < <(host_mirror_lines)
  [ ${#mirrors[@]} -gt 0 ] || fail "no '$SUITE' entry in /etc/apt/sources.list*: cannot tell mmdebstrap which mirror to use"
  say "mmdebstrap $SUITE from: ${mirrors[*]}"
  local work
  work="$(mktemp -d)"
  # A tarball first, then import: a failed bootstrap must not leave a half-made image behind.
  if ! mmdebstrap --quiet --variant=minbase --include=openjdk-17-jre-headless,ca-certificates \
        "$SUITE" "$work/rootfs.tar" "${mirrors[@]}"; then
    rm -rf "$work"
    fail "mmdebstrap failed (mirror: ${mirrors[*]})"
  fi
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    "$work/rootfs.tar" "$BASE_IMAGE" >/dev/null || { rm -rf "$work"; fail "docker import of $BASE_IMAGE failed"; }
  rm -rf "$work"
}

# The engine may answer and still be unable to run a container (storage driver, cgroups, ...):
# run one the way the tests do, with host networking.
check_containers_run() {
  local version
  version="$(docker run --rm --network host "$BASE_IMAGE" java -version 2>&1)" \
    || fail "Docker cannot run a container here: $version (dockerd log: $DOCKERD_LOG)"
  say "a container runs: $(printf '%s\n' "$version" | head -n 1)"
}

# Lays out the build context: the official image's /root tree plus our entrypoint.
prepare_james_context() {
  local context="$1"
  [ -s "$CLASSPATH_FILE" ] || fail "$CLASSPATH_FILE is missing: run 'mvn -B install -DskipTests' in $PROJECT_ROOT first"
  mkdir -p "$context/root/libs" "$context/root/extensions-jars"
  local jar
  while IFS= read -r jar; do
    [ -n "$jar" ] || continue
    [ -f "$jar" ] || fail "James runtime jar not found: $jar (re-run the Maven build)"
    cp "$jar" "$context/root/libs/"
  done < <(tr ':' '\n' < "$CLASSPATH_FILE")
  cp -r "$HERE/james/conf" "$context/root/conf"
  cp "$HERE/james/Dockerfile" "$context/Dockerfile"
  cp "$HERE/james/james-entrypoint.sh" "$context/james-entrypoint.sh"
  chmod 0755 "$context/james-entrypoint.sh"
}

# Hash of everything the image is made of, the base image included: a changed input rebuilds.
inputs_hash() {
  local context="$1"
  {
    docker image inspect -f '{{ .Id }}' "$BASE_IMAGE"
    (cd "$context" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -d' ' -f1
}

build_james_image() {
  local context
  context="$(mktemp -d)"
  prepare_james_context "$context"
  local hash
  hash="$(inputs_hash "$context")"
  if image_exists "$JAMES_IMAGE" && [ "$(image_label "$JAMES_IMAGE")" = "$hash" ]; then
    say "$JAMES_IMAGE already up to date (inputs $hash)"
    rm -rf "$context"
    return
  fi
  if image_exists "$JAMES_IMAGE" && [ -z "$(image_label "$JAMES_IMAGE")" ]; then
    say "WARNING: $JAMES_IMAGE exists and was not built here (no $HASH_LABEL label); replacing its tag"
  fi
  say "building $JAMES_IMAGE from $BASE_IMAGE (inputs $hash)"
  # The classic builder: BuildKit needs the buildx plugin, which Debian's docker.io does not ship.
  DOCKER_BUILDKIT=0 docker build --quiet --label "$HASH_LABEL=$hash" \
    --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$JAMES_IMAGE" "$context" >/dev/null \
    || { rm -rf "$context"; fail "docker build of $JAMES_IMAGE failed"; }
  rm -rf "$context"
}

total_start=$SECONDS
step "packages (docker.io, mmdebstrap)" install_packages
step "Docker engine" start_docker
step "base image $BASE_IMAGE" build_base_image
step "container check" check_containers_run
step "James image $JAMES_IMAGE" build_james_image
say "ready in $((SECONDS - total_start)) s: $JAMES_IMAGE ($(docker image inspect -f '{{ .Size }}' "$JAMES_IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
