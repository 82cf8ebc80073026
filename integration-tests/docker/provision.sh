#!/usr/bin/env bash
# Makes this machine able to run the Testcontainers suites without any container registry:
#   1. Debian packages docker.io and mmdebstrap (and dnsmasq-base, the DNS server of the outgoing-TLS tests),
#   2. a running Docker engine,
#   3. the base image imsa-james/jre:11 (Debian bullseye + OpenJDK 11, the Java of the official James image,
#      built with mmdebstrap from the host's Debian mirror),
#   4. the same JRE 11 on the host, in /opt/imsa-james/jre-11, for the suites that start James as a child JVM
#      (-Djames.java.home=/opt/imsa-james/jre-11),
#   5. the James image imsa-james/james:memory-3.8.1 with the official apache/james:memory-3.8.1 image's
#      layout (/root/libs, /root/conf, /root/extensions-jars, working directory /root), under a name of our
#      own so that it never shadows the official image.
# Idempotent: every step is skipped when its result is already there. Run as root, after
# `mvn -B install -DskipTests` of the root project (step 5 reads the James class path it writes).
#
# Environment: JAMES_IMAGE (default imsa-james/james:memory-3.8.1), BASE_IMAGE (default imsa-james/jre:11),
#              HOST_JRE (default /opt/imsa-james/jre-11), DOCKERD_LOG (default /var/log/imsa-james-dockerd.log).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(cd "$HERE/../.." && pwd)"
JAMES_IMAGE="${JAMES_IMAGE:-imsa-james/james:memory-3.8.1}"
BASE_IMAGE="${BASE_IMAGE:-imsa-james/jre:11}"
HOST_JRE="${HOST_JRE:-/opt/imsa-james/jre-11}"
DOCKERD_LOG="${DOCKERD_LOG:-/var/log/imsa-james-dockerd.log}"
CLASSPATH_FILE="$PROJECT_ROOT/integration-tests/james-runtime/target/james.classpath"
# The official image's name, which earlier versions of this script gave to the image they built.
OFFICIAL_IMAGE=apache/james:memory-3.8.1
# Debian's last release with OpenJDK 11 (bookworm has only 17).
SUITE=bullseye
JRE_PACKAGE=openjdk-11-jre-headless
JVM_DIR=/usr/lib/jvm/java-11-openjdk-amd64
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
  if [ ${#missing[@]} -eq 0 ]; then
    say "docker, mmdebstrap and dnsmasq already installed"
    return
  fi
  say "installing ${missing[*]} from Debian"
  apt-get update -q || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" || fail "apt-get install ${missing[*]} failed"
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

# The host's apt sources are the only Debian mirror known to be reachable: reuse their URIs.
# The host runs its own release (HOST_SUITE, e.g. bookworm), so its entries for HOST_SUITE, HOST_SUITE-updates
# and HOST_SUITE-security become the same URIs with SUITE, SUITE-updates and SUITE-security (Debian's
# security archive, deb.debian.org/debian-security, names its suites that way since bullseye).
# Reads one-line (.list) and deb822 (.sources) files.
host_mirror_lines() {
  local f host_suite
  host_suite="$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")"
  [ -n "$host_suite" ] || host_suite="$SUITE"
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    case "$f" in
      *.sources) awk -v suite="$host_suite" -v target="$SUITE" "$MIRRORS_FROM_DEB822" "$f" ;;
      *)         awk -v suite="$host_suite" -v target="$SUITE" "$MIRRORS_FROM_ONE_LINE" "$f" ;;
    esac
  done | awk '!seen[$0]++'
}

# awk programs (POSIX awk: Debian's default is mawk) printing "deb URI TARGET main" for each entry of the
# suite, SUITE-updates and SUITE-security, the suite's name replaced by the target's.
MIRRORS_FROM_ONE_LINE='
  function wanted(s) { return s == suite || s == suite "-updates" || s == suite "-security" }
  function renamed(s) { return target substr(s, length(suite) + 1) }
  $1 == "deb" {
    i = 2
    if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
    if (wanted($(i + 1))) print "deb " $i " " renamed($(i + 1)) " main"
  }'
MIRRORS_FROM_DEB822='
  function wanted(s) { return s == suite || s == suite "-updates" || s == suite "-security" }
  function renamed(s) { return target substr(s, length(suite) + 1) }
  function flush(   i, j, nu, ns, u, s) {
    if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no") {
      nu = split(uris, u, /[ \t]+/); ns = split(suites, s, /[ \t]+/)
      for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++)
        if (u[i] != "" && wanted(s[j])) print "deb " u[i] " " renamed(s[j]) " main"
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
  [ ${#mirrors[@]} -gt 0 ] || fail "no entry for this host's Debian release in /etc/apt/sources.list*: cannot tell mmdebstrap which mirror to use for $SUITE"
  say "mmdebstrap $SUITE from: ${mirrors[*]}"
  local work
  work="$(mktemp -d)"
  # A tarball first, then import: a failed bootstrap must not leave a half-made image behind.
  if ! mmdebstrap --quiet --variant=minbase --include="$JRE_PACKAGE",ca-certificates \
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

# The base image's JRE copied onto the host, for the child-JVM suites: the James they start runs on the same
# Java 11 as the container James. Debian's JRE is a tree of symlinks into /etc/java-11-openjdk and
# /etc/ssl/certs/java; they are replaced by the files they point to inside the image, so the copy stands
# alone. Its binaries need only glibc, libstdc++ and zlib (and, for the unused AWT libraries, a few more),
# which a newer Debian has too. Refreshed when the base image changes (its id is kept in .base-image-id).
install_host_jre() {
  local image_id
  image_id="$(docker image inspect -f '{{ .Id }}' "$BASE_IMAGE")"
  if [ -x "$HOST_JRE/bin/java" ] && [ "$(cat "$HOST_JRE/.base-image-id" 2>/dev/null)" = "$image_id" ]; then
    say "$HOST_JRE already holds the JRE of $BASE_IMAGE"
    return
  fi
  local work cid
  work="$(mktemp -d)"
  cid="$(docker create "$BASE_IMAGE" true)"
  # Only what the JRE is made of: its folder, its /etc configuration and the CA certificates.
  if ! docker export "$cid" | tar -x -C "$work" "${JVM_DIR#/}" etc/java-11-openjdk etc/ssl/certs/java; then
    docker rm "$cid" >/dev/null; rm -rf "$work"
    fail "cannot extract $JVM_DIR from $BASE_IMAGE"
  fi
  docker rm "$cid" >/dev/null
  local jre="$work${JVM_DIR}" link target
  rm -f "$jre/docs"
  while IFS= read -r -d '' link; do
    target="$(readlink "$link")"
    rm "$link"
    # A link to a file the image does not have (Debian leaves one such, blacklisted.certs) is dropped.
    if [ -e "$work$target" ]; then cp -L "$work$target" "$link"; fi
  done < <(find "$jre" -type l -lname '/*' -print0)
  local version
  version="$("$jre/bin/java" -version 2>&1)" || fail "the JRE of $BASE_IMAGE does not run on this host: $version"
  printf '%s\n' "$image_id" > "$jre/.base-image-id"
  rm -rf "$HOST_JRE"
  mkdir -p "$(dirname "$HOST_JRE")"
  mv "$jre" "$HOST_JRE"
  rm -rf "$work"
  say "$HOST_JRE: $(printf '%s\n' "$version" | head -n 1)"
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

# Earlier versions of this script tagged their image with the official name, which then shadowed the real
# image on this Docker host. Only a tag this script made (it carries our label) is removed.
retire_official_name() {
  if [ "$JAMES_IMAGE" = "$OFFICIAL_IMAGE" ]; then
    say "JAMES_IMAGE is $OFFICIAL_IMAGE itself: left as built"
  elif ! image_exists "$OFFICIAL_IMAGE"; then
    say "$OFFICIAL_IMAGE not on this host: nothing shadows it"
  elif [ -n "$(image_label "$OFFICIAL_IMAGE")" ]; then
    docker image rm "$OFFICIAL_IMAGE" >/dev/null || fail "cannot remove our old tag $OFFICIAL_IMAGE"
    say "removed $OFFICIAL_IMAGE that an earlier provision.sh built ($HASH_LABEL): that name is the official image's"
  else
    say "$OFFICIAL_IMAGE is present and was not built here: left alone (-Djames.image=$OFFICIAL_IMAGE selects it)"
  fi
}

total_start=$SECONDS
step "packages (docker.io, mmdebstrap, dnsmasq-base)" install_packages
step "Docker engine" start_docker
step "base image $BASE_IMAGE" build_base_image
step "container check" check_containers_run
step "host JRE $HOST_JRE" install_host_jre
step "James image $JAMES_IMAGE" build_james_image
step "official name $OFFICIAL_IMAGE" retire_official_name
say "ready in $((SECONDS - total_start)) s: $JAMES_IMAGE ($(docker image inspect -f '{{ .Size }}' "$JAMES_IMAGE" | awk '{ printf "%.0f MB", $1 / 1e6 }'))"
