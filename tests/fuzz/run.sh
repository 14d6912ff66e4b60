#!/usr/bin/env bash
# One short libFuzzer run of a target (a test of suite fuzz in ./build-fuzz):
#   run.sh FUZZER NAME SECONDS WORKDIR CORPUS [REGRESSIONS]
# New inputs go to WORKDIR/corpus-NAME (the checked-in CORPUS is only read),
# a crash to WORKDIR/crash-NAME-*: copy it into tests/fuzz/regressions/NAME/
# and fix the bug (tests/fuzz/README.md).  Prints the executions done.
set -uo pipefail
fuzzer=$1 name=$2 seconds=$3 work=$4 corpus=$5 regressions=${6:-}
mkdir -p "$work/corpus-$name"
seeds=("$corpus")
[ -n "$regressions" ] && [ -d "$regressions" ] && seeds+=("$regressions")
log="$work/$name.log"
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -error_exitcode=1 -timeout_exitcode=1 -artifact_prefix="$work/crash-$name-" \
  "$work/corpus-$name" "${seeds[@]}" >"$log" 2>&1
status=$?  # never 77: meson would count the run as skipped
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
echo "fuzz $name: ${runs:-0} executions in ${seconds} s"
if [ "$status" != 0 ]; then
  tail -60 "$log"
  ls "$work"/crash-"$name"-* 2>/dev/null
fi
exit "$status"
