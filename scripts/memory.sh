#!/usr/bin/env bash
# Peak memory of the lockdemo JVM: races the savepoint strategy for SECONDS (default 20) with each
# THREADS count (default 64 256), once spread over 64 keys and once on the hot key, on the embedded
# PostgreSQL, with the launcher's JVM options (or LOCKDEMO_JAVA_OPTS), and prints the JVM's peak
# resident set (VmHWM from /proc) against the limit for that thread count (300 MiB up to 64 threads,
# 500 MiB up to 256). The embedded server's processes are not the JVM's; the peak of their summed
# RSS (shared memory counted once per process, so an overestimate) is printed apart.
#
#   scripts/memory.sh                                 # docs/performance.md's figures
#   scripts/memory.sh --seconds 5 --threads 8         # a quick look
#
# Options: --seconds S (default 20), --threads LIST (commas or spaces; default 64,256). The old
# positional form, scripts/memory.sh [SECONDS] [THREADS...], still works. LOCKDEMO_JAR,
# LOCKDEMO_JAVA_OPTS: see scripts/lib.sh.
# Exit: 0 every run within its limit; 1 a run over its limit or failed; 2 usage.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
seconds=20
thread_list="64 256"
positional=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
        --threads) thread_list="${2:?--threads needs a value}"; thread_list="${thread_list//,/ }"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "memory.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) positional+=("$1"); shift ;;
    esac
done
if [ ${#positional[@]} -gt 0 ]; then
    seconds="${positional[0]}"
    [ ${#positional[@]} -gt 1 ] && thread_list="${positional[*]:1}"
fi
lockdemo_int --seconds "$seconds"
read -r -a thread_counts <<< "$thread_list"
for n in "${thread_counts[@]}"; do lockdemo_int --threads "$n"; done
java_opts="$lockdemo_java_opts"
lockdemo_build
lockdemo_tmpdir memory
out="$lockdemo_tmp"

# summed RSS (kB) of the embedded server of JVM $1: the postmaster listening on the port the JVM's
# connections go to (other runs on this machine have their own), and its children
postgres_rss_kb() {
    local port pm total=0 child rss
    port="$(ss -Htnp state established 2> /dev/null | awk -v p="pid=$1," 'index($0, p) {
        n = split($4, a, ":"); print a[n] }' | sort | uniq -c | sort -rn | awk 'NR == 1 {print $2}')"
    [ -n "$port" ] || { echo 0; return; }
    pm="$(pgrep -f "bin/postgres -D .* -p $port " | head -1 || true)"
    [ -n "$pm" ] || { echo 0; return; }
    for child in $pm $(pgrep -P "$pm" || true); do
        rss="$(awk '/^VmRSS:/ {print $2}' "/proc/$child/status" 2> /dev/null || echo 0)"
        total=$(( total + ${rss:-0} ))
    done
    echo "$total"
}

echo "memory: JVM options: $java_opts"
failed=0
for threads in "${thread_counts[@]}"; do
    limit_mb=500
    [ "$threads" -le 64 ] && limit_mb=300
    for keys in 64 0; do
        shape="--keys $keys"; [ "$keys" -eq 0 ] && shape="hot key"
        "${lockdemo_cmd[@]}" race --threads "$threads" --keys "$keys" \
            --duration "${seconds}s" --strategy savepoint --quiet --json "$out/r.json" \
            > "$out/stdout.txt" 2> "$out/stderr.txt" &
        pid=$!
        peak_kb=0
        pg_kb=0
        while kill -0 "$pid" 2> /dev/null; do
            r="$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2> /dev/null || echo 0)"
            [ "${r:-0}" -gt "$peak_kb" ] && peak_kb="$r"
            p="$(postgres_rss_kb "$pid")"
            [ "$p" -gt "$pg_kb" ] && pg_kb="$p"
            sleep 0.2 # sampling interval of /proc, not a wait for a state
        done
        rc=0
        wait "$pid" || rc=$?
        attempts="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["strategies"][0]["attempts"])' \
            "$out/r.json" 2> /dev/null || echo "?")"
        verdict="within"
        if [ "$rc" -ne 0 ]; then
            verdict="RUN FAILED (exit $rc): $(head -c 300 "$out/stderr.txt")"
            failed=1
        elif [ $(( peak_kb / 1024 )) -gt "$limit_mb" ]; then
            verdict="OVER"
            failed=1
        fi
        printf 'memory: %3d threads, %-8s %3ss: %7s attempts, JVM peak RSS %4d MiB (limit %d MiB, %s); embedded server peak %d MiB (summed RSS)\n' \
            "$threads" "$shape," "$seconds" "$attempts" $(( peak_kb / 1024 )) "$limit_mb" "$verdict" $(( pg_kb / 1024 ))
    done
done
exit "$failed"
