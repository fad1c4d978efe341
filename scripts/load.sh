#!/usr/bin/env bash
# Load check: THREADS client threads (default 256) for SECONDS (default 60) on the embedded
# PostgreSQL, split over two strategies so that threads leaked by the first would show while the
# second runs. Checks that the run completed, that every strategy's counts add up and its checks
# passed, and that the JVM never held more threads than one strategy needs; reports peak RSS.
#   scripts/load.sh            # the README's figures: 256 threads, 60 s
#   scripts/load.sh 32 6       # a short version, e.g. for CI
set -euo pipefail
threads="${1:-256}"
seconds="${2:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/lockdemo" --version > /dev/null # builds target/lockdemo.jar if stale
out="$(mktemp -d "${TMPDIR:-/tmp}/lockdemo-load.XXXXXX")"
trap 'rm -rf "$out"' EXIT
half=$(( seconds / 2 ))

# the launcher's JVM options, so the memory figure is what a user gets
# shellcheck source=scripts/java-opts.sh
. "$root/scripts/java-opts.sh"
# shellcheck disable=SC2086 # the options are words
/usr/bin/time -v -o "$out/time.txt" java ${LOCKDEMO_JAVA_OPTS:-$LOCKDEMO_DEFAULT_JAVA_OPTS} -jar "$root/target/lockdemo.jar" \
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
python3 - "$out/result.json" "$threads" "$peak_threads" "$thread_limit" <<'PY'
import json, sys
result, threads, peak, limit = json.load(open(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
ok = result["status"] == "complete" and result["checks_ok"]
for s in result["strategies"]:
    total = sum(s["outcomes"].values())
    adds_up = total == s["attempts"]
    ok &= adds_up
    print(f"load: {s['strategy']}: {s['attempts']} attempts, sum of outcomes {total} "
          f"({'adds up' if adds_up else 'DOES NOT ADD UP'}), {s['throughput_per_s']:.0f}/s, verdict {s['verdict']}")
print(f"load: peak JVM threads {peak} (limit {limit} for {threads} workers)")
ok &= 0 < peak <= limit
sys.exit(0 if ok else 1)
PY
# the memory targets of README "Start-up and memory": printed, not enforced (scripts/memory.sh enforces)
limit="no target above 256 threads"
if [ "$threads" -le 64 ]; then limit="target 300 MiB"; elif [ "$threads" -le 256 ]; then limit="target 500 MiB"; fi
echo "load: $threads threads, ${seconds} s of racing, wall clock $wall;" \
     "peak RSS of the JVM $(( peak_rss_kb / 1024 )) MiB (VmHWM), $(( ${max_rss_kb:-0} / 1024 )) MiB (time -v); $limit"
