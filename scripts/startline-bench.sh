#!/usr/bin/env bash
# How close together the race's start line releases the threads, against a CyclicBarrier on the same
# threads in the same run (src/test/java/org/lockdemo/race/StartLineBenchmark.java): the median spread
# from the first to the last thread leaving, and their ratio (below 1: the start line is closer).
# A benchmark, not a test: the build does not run it, and nothing here fails on a slow machine.
#
#   scripts/startline-bench.sh
#
# Exit: 0 printed; 1 the benchmark did not run; 2 usage.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
case "${1:-}" in
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    "") ;;
    *) echo "startline-bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
esac
cd "$lockdemo_root"
out=$(mvn -B -o -q test -Dtest=StartLineBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dlockdemo.man.skip=true 2>&1) || {
    printf '%s\n' "$out" >&2
    exit 1
}
line=$(printf '%s\n' "$out" | grep -o 'startline-bench:.*' || true)
[ -n "$line" ] || { printf '%s\n' "$out" >&2; echo "startline-bench.sh: the benchmark printed nothing" >&2; exit 1; }
printf '%s\n' "$line"
