#!/usr/bin/env bash
# The long fuzz run (not part of the test run, which gives each target a
# minute): every target, or those named, for SECONDS each (default an hour),
# in ./build-fuzz, growing the same work corpus the short runs use.
#   bench/fuzz.sh [SECONDS] [TARGET...]      targets: specs date idcheck calendar_import routes
# A crash is written to build-fuzz/tests/fuzz/work/crash-TARGET-*; see
# tests/fuzz/README.md for turning it into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(specs date idcheck calendar_import routes)
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang meson setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C build-fuzz >/dev/null
work=build-fuzz/tests/fuzz/work
status=0
for t in "${targets[@]}"; do
  tests/fuzz/run.sh "build-fuzz/tests/fuzz/fuzz_$t" "$t" "$seconds" "$work" "tests/fuzz/corpus/$t" \
    "tests/fuzz/regressions/$t" || status=1
done
exit "$status"
