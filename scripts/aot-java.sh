#!/usr/bin/env bash
# Prints the java binary (JDK 25 or later) that `make build` trains the AOT cache with, or nothing when there
# is none: then bin/devops-cli runs `java` (JDK 17) with the class-data-sharing archive, as without this.
# JDK 25 has Leyden's AOT cache (JEP 483 class loading and linking, JEP 514 one-step training, JEP 515
# method profiles) and loads the same --release 17 jar. Looked for, in order:
#   DEVOPS_CLI_AOT_JAVA: a java binary, or `none` for no cache (a set value that is not a JDK 25+ is an error);
#   /usr/lib/jvm/*/bin/java, the newest JDK 25+ there (Debian's and Temurin's packages install there);
#   `java` on the PATH, when it is 25 or later.
set -euo pipefail

# The feature version of a java binary (17, 25, ...), or 0 when it does not run.
feature() {
  local line
  line=$("$1" -version 2>&1 | head -1) || { echo 0; return; }
  [[ $line =~ version\ \"([0-9]+) ]] && echo "${BASH_REMATCH[1]}" || echo 0
}

if [[ -n ${DEVOPS_CLI_AOT_JAVA:-} ]]; then
  [[ $DEVOPS_CLI_AOT_JAVA == none ]] && exit 0
  java=$(command -v "$DEVOPS_CLI_AOT_JAVA" || true)
  if [[ -z $java || $(feature "$java") -lt 25 ]]; then
    echo "DEVOPS_CLI_AOT_JAVA=$DEVOPS_CLI_AOT_JAVA is not a JDK 25 or later java (or 'none')" >&2
    exit 1
  fi
  readlink -f "$java"
  exit 0
fi
best= best_version=0
for java in /usr/lib/jvm/*/bin/java; do
  [[ -x $java && ! -L $(dirname "$(dirname "$java")") ]] || continue
  version=$(feature "$java")
  if (( version >= 25 && version > best_version )); then
    best=$java best_version=$version
  fi
done
if [[ -z $best ]] && command -v java >/dev/null && (( $(feature java) >= 25 )); then
  best=$(command -v java)
fi
[[ -n $best ]] && readlink -f "$best"
exit 0
