#!/usr/bin/env bash
# The README's main command: builds the demo if any source is newer than its jar, then runs it.
# ./demo.sh [subcommand] [options]   (./demo.sh --help lists them)
set -euo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
JAVA_HOME=$(bash "$root/.ci/jdk25") || { echo "rudp needs a JDK 25: install one or set JAVA_HOME" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
jar="$root/demo/target/rudp-demo.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/rudp/pom.xml" "$root/rudp/src/main" "$root/impair/pom.xml" "$root/impair/src/main" "$root/demo/pom.xml" "$root/demo/src/main" -newer "$jar" -print -quit)" ]; then
  echo "building the demo (first run, or sources changed)..." >&2
  (cd "$root" && ./mvnw -B -q -pl demo -am package -DskipTests) >&2
fi
exec java --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"
