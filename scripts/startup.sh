#!/usr/bin/env bash
# Start-up time: from the command (the launcher's process start) to the first attempt, as lockdemo
# itself reports it (startup_millis in the JSON, with its phases), on the embedded PostgreSQL.
# First one run with an empty cache (zonky's binaries and lockdemo's data-directory template in a
# fresh directory, via -Dot.epg.working-dir; the shared cache in $TMPDIR/embedded-pg is not touched),
# then RUNS runs (default 5) with the shared cache as a user has it after the first run.
#   scripts/startup.sh [RUNS] [THREADS]      # THREADS default 64
set -euo pipefail
runs="${1:-5}"
threads="${2:-64}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/java-opts.sh
. "$root/scripts/java-opts.sh"
java_opts="${LOCKDEMO_JAVA_OPTS:-$LOCKDEMO_DEFAULT_JAVA_OPTS}"
"$root/scripts/lockdemo" --version > /dev/null # builds target/lockdemo.jar if stale
out="$(mktemp -d "${TMPDIR:-/tmp}/lockdemo-startup.XXXXXX")"
trap 'rm -rf "$out"' EXIT

# one run through the launcher, as a user types it; prints "total jvm_to_command embedded setup" in ms
one_run() { # one_run EXTRA_JAVA_OPTS
    LOCKDEMO_JAVA_OPTS="$java_opts $1" "$root/scripts/lockdemo" race --threads "$threads" --keys 100 --rounds 1 \
        --strategy savepoint --quiet --json "$out/r.json" > "$out/stdout.txt" 2> "$out/stderr.txt" || {
        echo "startup: lockdemo failed:" >&2
        cat "$out/stderr.txt" >&2
        exit 1
    }
    python3 - "$out/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
p = r["startup_phases_millis"]
print(r["startup_millis"], p["jvm_to_command"], p.get("embedded_server", 0), p["database_setup"])
PY
}

report() { # report LABEL "total jvm embedded setup"
    set -- "$1" $2
    printf 'startup: %-22s %5d ms to the first attempt (JVM to the command %d ms, embedded PostgreSQL %d ms, connections, pool, table and workers %d ms)\n' \
        "$1" "$2" "$3" "$4" "$5"
}

echo "startup: $threads threads, JVM options: $java_opts; load average $(cut -d' ' -f1-3 /proc/loadavg)"
report "empty cache:" "$(one_run "-Dot.epg.working-dir=$out/cache")"
totals=()
for i in $(seq "$runs"); do
    figures="$(one_run "")"
    report "cached, run $i:" "$figures"
    totals+=("${figures%% *}")
done
median="$(printf '%s\n' "${totals[@]}" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}')"
echo "startup: median of $runs cached runs: $median ms (target 3000 ms); load average $(cut -d' ' -f1-3 /proc/loadavg)"
