#!/usr/bin/env bash
# Load check: THREADS client threads (default 256) for SECONDS (default 60) on the embedded
# PostgreSQL, split over two strategies so that threads leaked by the first would show while the
# second runs. Checks that the run completed, that every strategy's counts add up and its checks
# passed, and that the JVM never held more threads than one strategy needs; reports peak RSS.
#
#   scripts/load.sh                              # docs/performance.md's figures: 256 threads, 60 s
#   scripts/load.sh --threads 32 --seconds 6     # a short version, e.g. for CI
#
# Options: --threads N (default 256), --seconds S (default 60; S/2 per strategy). The old positional
# form, scripts/load.sh [THREADS] [SECONDS], still works. LOCKDEMO_JAR, LOCKDEMO_JAVA_OPTS: see
# scripts/lib.sh (the memory figure is what a user gets with the launcher's options).
# Exit: 0 the check passed; 1 it failed; 2 usage.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
threads=256
seconds=60
positional=()
while [ $# -gt 0 ]; do
    case "$1" in
        --threads) threads="${2:?--threads needs a value}"; shift 2 ;;
        --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "load.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) positional+=("$1"); shift ;;
    esac
done
[ ${#positional[@]} -le 2 ] || { echo "load.sh: at most two positional arguments, THREADS SECONDS" >&2; exit 2; }
threads="${positional[0]:-$threads}"
seconds="${positional[1]:-$seconds}"
lockdemo_int --threads "$threads"
lockdemo_int --seconds "$seconds"
lockdemo_build
lockdemo_tmpdir load
out="$lockdemo_tmp"
half=$(( seconds / 2 ))

/usr/bin/time -v -o "$out/time.txt" "${lockdemo_cmd[@]}" \
    race --threads "$threads" --keys 1000 --duration "${half}s" --strategy savepoint,upsert --quiet \
    --json "$out/result.json" > "$out/stdout.txt" 2> "$out/stderr.txt" &
timer=$!
java_pid=""
peak_threads=0
peak_rss_kb=0
while kill -0 "$timer" 2> /dev/null; do
    if [ -z "$java_pid" ]; then
        java_pid="$(pgrep -P "$timer" java || true)"
    elif [ -r "/proc/$java_pid/status" ]; then
        t="$(awk '/^Threads:/ {print $2}' "/proc/$java_pid/status" 2> /dev/null || echo 0)"
        r="$(awk '/^VmHWM:/ {print $2}' "/proc/$java_pid/status" 2> /dev/null || echo 0)"
        [ "${t:-0}" -gt "$peak_threads" ] && peak_threads="$t"
        [ "${r:-0}" -gt "$peak_rss_kb" ] && peak_rss_kb="$r"
    fi
    sleep 0.2 # sampling interval of /proc, not a wait for a state
done
rc=0
wait "$timer" || rc=$?
if [ "$rc" -ne 0 ]; then
    echo "load: lockdemo exited $rc" >&2
    cat "$out/stderr.txt" >&2
    exit 1
fi
max_rss_kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time.txt")"
wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out/time.txt")"
# one strategy's workers, the lock-view sampler, the pool's housekeeping and the JVM's own threads;
# workers leaked by the first strategy would add another $threads while the second runs
thread_limit=$(( threads + 64 ))
python3 "$lockdemo_root/scripts/python/load_check.py" "$out/result.json" "$threads" "$peak_threads" "$thread_limit"
# the memory targets of docs/performance.md, "Start-up and memory": printed, not enforced (scripts/memory.sh enforces)
limit="no target above 256 threads"
if [ "$threads" -le 64 ]; then limit="target 300 MiB"; elif [ "$threads" -le 256 ]; then limit="target 500 MiB"; fi
echo "load: $threads threads, ${seconds} s of racing, wall clock $wall;" \
     "peak RSS of the JVM $(( peak_rss_kb / 1024 )) MiB (VmHWM), $(( ${max_rss_kb:-0} / 1024 )) MiB (time -v); $limit"
