#!/usr/bin/env bash
# Start-up time: from the command (the launcher's process start) to the first attempt, as lockdemo
# itself reports it (startup_millis in the JSON, with its phases), on the embedded PostgreSQL.
# First one run with an empty cache (zonky's binaries and lockdemo's data-directory template in a
# fresh directory, via -Dot.epg.working-dir; the shared cache in $TMPDIR/embedded-pg is not touched),
# then RUNS runs with the shared cache as a user has it after the first run.
#
#   scripts/startup.sh --runs 5 --threads 64       # the defaults
#
# Options: --runs N (default 5), --threads N (default 64). The old positional form,
# scripts/startup.sh [RUNS] [THREADS], still works. Runs go through scripts/lockdemo, so
# LOCKDEMO_JAR, LOCKDEMO_JAVA_OPTS and LOCKDEMO_CDS apply (scripts/lib.sh).
# Exit: 0 done; 1 a run failed; 2 usage.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=5
threads=64
positional=()
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="${2:?--runs needs a value}"; shift 2 ;;
        --threads) threads="${2:?--threads needs a value}"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        -*) echo "startup.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) positional+=("$1"); shift ;;
    esac
done
[ ${#positional[@]} -le 2 ] || { echo "startup.sh: at most two positional arguments, RUNS THREADS" >&2; exit 2; }
runs="${positional[0]:-$runs}"
threads="${positional[1]:-$threads}"
lockdemo_int --runs "$runs"
lockdemo_int --threads "$threads"
java_opts="$lockdemo_java_opts"
lockdemo_build
lockdemo_tmpdir startup
out="$lockdemo_tmp"

# one run through the launcher, as a user types it; prints "total jvm_to_command embedded setup" in ms
one_run() { # one_run EXTRA_JAVA_OPTS
    LOCKDEMO_JAVA_OPTS="$java_opts $1" "$lockdemo_root/scripts/lockdemo" race --threads "$threads" --keys 100 --rounds 1 \
        --strategy savepoint --quiet --json "$out/r.json" > "$out/stdout.txt" 2> "$out/stderr.txt" || {
        echo "startup: lockdemo failed:" >&2
        cat "$out/stderr.txt" >&2
        exit 1
    }
    python3 "$lockdemo_root/scripts/python/startup_phases.py" "$out/r.json"
}

report() { # report LABEL "total jvm embedded setup"
    # shellcheck disable=SC2086 # the four figures are four arguments
    set -- "$1" $2
    printf 'startup: %-22s %5d ms to the first attempt (JVM to the command %d ms, embedded PostgreSQL %d ms, connections, pool, table and workers %d ms)\n' \
        "$1" "$2" "$3" "$4" "$5"
}

cds="on (LOCKDEMO_CDS=0 turns it off)"; [ "${LOCKDEMO_CDS:-1}" = 0 ] && cds="off (LOCKDEMO_CDS=0)"
echo "startup: $threads threads, JVM options: $java_opts; class-data archive: $cds; load average $(cut -d' ' -f1-3 /proc/loadavg)"
report "empty cache:" "$(one_run "-Dot.epg.working-dir=$out/cache")"
totals=()
for i in $(seq "$runs"); do
    figures="$(one_run "")"
    report "cached, run $i:" "$figures"
    totals+=("${figures%% *}")
done
median="$(printf '%s\n' "${totals[@]}" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}')"
echo "startup: median of $runs cached runs: $median ms (target 2000 ms at 64 threads, issue 20); load average $(cut -d' ' -f1-3 /proc/loadavg)"
