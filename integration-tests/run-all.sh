#!/usr/bin/env bash
# Runs every test of the project: unit and property tests of the extension, then the suites that boot a real
# James 3.8.1 (child JVM, and in containers where Docker is provisioned). Fails, never skips, when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v java >/dev/null || { echo "error: java (JDK 17) not found" >&2; exit 1; }
command -v mvn >/dev/null || { echo "error: mvn (Maven 3.8+) not found" >&2; exit 1; }

mvn -B install "$@"
