#!/usr/bin/env bash
# `make build`'s AOT cache (JDK 25+, see scripts/aot-java.sh): trains target/devops-cli.aot with the same
# ClassArchiveTraining the class-data-sharing archive is recorded from (replayed answers: no emulator, no
# network), and writes the java that made it into target/devops-cli.aot-java, which bin/devops-cli runs:
# a cache only loads in the JVM build that made it, with the same jar. Without a JDK 25 both files are
# removed and the launcher runs JDK 17 with the archive. Up to date (nothing done) when the cache is newer
# than its inputs and was made by the java chosen now. A failed training leaves no cache (slower, correct).
#   scripts/aot-cache.sh JAR CLASS_LIST CACHE
set -euo pipefail
jar=$(realpath -s "$1") list=$2 cache=$3
made_by=$cache-java log=$cache.log
java=$(scripts/aot-java.sh)
if [[ -z $java ]]; then
  rm -f "$cache" "$made_by" "$log"
  exit 0
fi
answers=$(dirname "$list")/class-archive-answers.jsonl.gz
fresh=true
for input in "$jar" "$list" "$answers" scripts/aot-cache.sh; do
  [[ -f $input && ! $cache -nt $input ]] && fresh=false
done
if [[ $fresh == true && -s $cache && -f $made_by && $(<"$made_by") == "$java" ]]; then
  exit 0
fi
rm -f "$cache" "$made_by"
# The flags bin/devops-cli runs with (C1 only, SerialGC): the cache's method profiles are C1's.
# SDK models are only loaded, not initialised, unlike the archive's training: the cache archives the
# method types of every call site linked, in one table that must fit a heap region, and the 9,000
# models' lambdas overflow it (the cache is then not written); the replayed runs link the ones they use.
# JDK 25 records at exit and assembles the cache in a child JVM, which prints what it did: kept in the log.
if "$java" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:AOTCacheOutput="$cache" -Xlog:disable -Xlog:all=error:stderr \
    -Ddevopscli.training.initialiseModels=false -cp "$jar" io.devopscli.cli.ClassArchiveTraining config/topology.yaml "$list" \
    >"$log" 2>&1 && [[ -s $cache ]]; then
  echo "$java" >"$made_by"
else
  rm -f "$cache"
  echo "no $cache (training with $java failed, see $log): bin/devops-cli runs JDK 17 with the class archive" >&2
fi
