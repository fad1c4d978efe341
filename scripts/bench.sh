#!/usr/bin/env bash
# lockdemo against pgbench: the same transactions, the same clients, the same PostgreSQL.
#
#   scripts/bench.sh [compare] [OPTIONS]   pgbench and lockdemo alternately, a table of medians and ratios
#   scripts/bench.sh curve [OPTIONS]       lockdemo on one hot row at 1, 2, 4, ... 256 threads
#
# compare: for each repetition, key count, client count and strategy (naive, savepoint), runs
# pgbench with scripts/pgbench/STRATEGY.sql (-M prepared, the statements lockdemo sends, checked by
# PgbenchScriptsTest) on a fresh, prefilled table, then lockdemo race --strategy STRATEGY --keys K
# --threads N --warmup W --duration D on its own fresh table (the order flips every repetition).
# Prints per configuration the medians and lockdemo/pgbench ratios of committed transactions per
# second, client CPU per transaction and p50/p99 latency; writes every run and the summary to OUT.
#
# Options (lists take commas or spaces):
#   --url JDBC_URL       PostgreSQL to run on (default jdbc:postgresql://127.0.0.1:5432/test); its
#                        password, if any, from PGPASSWORD. compare needs a URL: pgbench cannot reach
#                        lockdemo's embedded server. curve without --url runs on the embedded one.
#   --user NAME          (default postgres)
#   --clients LIST       client counts = lockdemo threads (default 1,8,64); curve: --threads
#   --keys LIST          key counts; 1 is the hot key, every client on one row (default 1,64; curve: 1)
#   --strategies LIST    naive, savepoint (default both; curve: savepoint, or any strategy without --pgbench)
#   --reps N             repetitions of every configuration (default 3; curve: 1)
#   --duration SECONDS   measured seconds per run (default 10)
#   --warmup SECONDS     lockdemo --warmup before each measured run (default 3)
#   --pgbench-threads N  pgbench -j, capped at the client count (default: the machine's cores)
#   --lockdemo-args ARGS extra arguments for lockdemo race, e.g. "--lock-view-interval 100ms"
#   --out DIR            results (default target/bench): runs-STAMP.csv, summary-STAMP.txt
#   --check              exit 1 unless every run's counts add up: lockdemo's attempts = its outcomes
#                        and its checks passed; pgbench's failed transactions = 0 and the sum of the
#                        table's counters = its transactions
#   --pgbench            curve only: pgbench alongside each lockdemo point (needs --url)
# Exit: 0 done; 1 a run failed or --check found a mismatch; 2 usage.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { echo "bench: $1 (see the top of scripts/bench.sh)" >&2; exit 2; }
list() { echo "${1//,/ }"; }

mode=compare
if [ $# -gt 0 ] && { [ "$1" = compare ] || [ "$1" = curve ]; }; then mode=$1; shift; fi
url=""
user=postgres
clients=""
keys=""
strategies=""
reps=""
duration=10
warmup=3
pgbench_threads="$(nproc)"
lockdemo_args=""
out="$lockdemo_root/target/bench"
check=0
curve_pgbench=0
while [ $# -gt 0 ]; do
    case "$1" in
        --url) url="${2:?}"; shift 2 ;;
        --user) user="${2:?}"; shift 2 ;;
        --clients|--threads) clients="$(list "${2:?}")"; shift 2 ;;
        --keys) keys="$(list "${2:?}")"; shift 2 ;;
        --strategies|--strategy) strategies="$(list "${2:?}")"; shift 2 ;;
        --reps) reps="${2:?}"; shift 2 ;;
        --duration) duration="${2:?}"; shift 2 ;;
        --warmup) warmup="${2:?}"; shift 2 ;;
        --pgbench-threads) pgbench_threads="${2:?}"; shift 2 ;;
        --lockdemo-args) lockdemo_args="${2?}"; shift 2 ;;
        --out) out="${2:?}"; shift 2 ;;
        --check) check=1; shift ;;
        --pgbench) curve_pgbench=1; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) usage "unknown option $1" ;;
    esac
done
if [ "$mode" = curve ]; then
    clients="${clients:-1 2 4 8 16 32 64 128 256}"
    keys="${keys:-1}"
    strategies="${strategies:-savepoint}"
    reps="${reps:-1}"
else
    clients="${clients:-1 8 64}"
    keys="${keys:-1 64}"
    strategies="${strategies:-naive savepoint}"
    reps="${reps:-3}"
    url="${url:-jdbc:postgresql://127.0.0.1:5432/test}"
fi
if [ "$mode" = curve ] && [ "$curve_pgbench" = 1 ] && [ -z "$url" ]; then usage "curve --pgbench needs --url"; fi
positive() { [[ "$2" =~ ^[1-9][0-9]*$ ]] || usage "$1 must be a positive whole number, got '$2'"; }
positive --reps "$reps"
positive --duration "$duration"
positive --pgbench-threads "$pgbench_threads"
[[ "$warmup" =~ ^[0-9]+$ ]] || usage "--warmup must be a whole number of seconds (0 for none), got '$warmup'"
for n in $clients; do positive --clients "$n"; done
for k in $keys; do positive --keys "$k"; done
for s in $strategies; do
    [[ "$s" =~ ^[a-z-]+$ ]] || usage "--strategies: '$s' is not a strategy name"
    if [ "$mode" = compare ] || [ "$curve_pgbench" = 1 ]; then
        [ -f "$lockdemo_root/scripts/pgbench/$s.sql" ] || usage "--strategies: no pgbench script for '$s' (scripts/pgbench/*.sql)"
    fi
done
pg_host="" pg_port="" pg_db=""
if [ -n "$url" ]; then
    re='^jdbc:postgresql://([^:/?]+)(:([0-9]+))?/([^?]+)'
    [[ "$url" =~ $re ]] || usage "--url must look like jdbc:postgresql://HOST[:PORT]/DATABASE, got '$url'"
    pg_host="${BASH_REMATCH[1]}" pg_port="${BASH_REMATCH[3]:-5432}" pg_db="${BASH_REMATCH[4]}"
fi
lockdemo_need 1 java python3
if [ -n "$url" ]; then
    lockdemo_need 1 pgbench psql
fi

lockdemo_build # target/lockdemo.jar if stale; LOCKDEMO_JAR and LOCKDEMO_JAVA_OPTS as for scripts/lockdemo
mkdir -p "$out"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
runs="$out/$mode-runs-$stamp.csv"
summary="$out/$mode-summary-$stamp.txt"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/lockdemo-bench.XXXXXX")"

# --- cleanup: the running child stopped (lockdemo drops its own tables on SIGTERM), pgbench's
# table dropped, temporary files removed; on Ctrl-C, kill and normal exit alike
child=""
table=""
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$user" -d "$pg_db" "$@"; }
# shellcheck disable=SC2317 # run by the trap below
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$child" ] && kill -0 "$child" 2> /dev/null; then
        kill -TERM "$child" 2> /dev/null || true
        wait "$child" 2> /dev/null || true
    fi
    if [ -n "$table" ]; then psql_ -c "DROP TABLE IF EXISTS $table" > /dev/null 2>&1 || true; fi
    rm -rf "$tmp"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# runs a command in the background and waits, so that a signal reaches the trap at once
run() { "$@" & child=$!; local rc=0; wait "$child" || rc=$?; child=""; return "$rc"; }

echo "tool,strategy,clients,keys,rep,transactions,elapsed_s,committed,committed_per_s,cpu_ns,cpu_us_per_tx,p50_us,p99_us,adds_up,load_1m" > "$runs"
failures=0

# one row of $runs from a lockdemo result: committed = created + found + found_after_conflict
# (the outcomes that commit), per second of the measured window; CPU of the measured window
lockdemo_row() { # JSON STRATEGY CLIENTS KEYS REP
    python3 "$lockdemo_root/scripts/python/bench_lockdemo_row.py" "$@" >> "$runs"
}

# user + system CPU of this shell's waited-for children so far, in ns, from a file the builtin
# 'times' wrote (its second line; 'times' must run in this shell, not in a pipe or $(...), which
# would fork); the difference around one 'run pgbench' is pgbench's CPU, all threads, start to exit
children_cpu_ns() { # FILE
    awk 'NR == 2 {
        n = 0
        for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); n += (t[1] * 60 + t[2]) * 1e9 }
        printf "%.0f\n", n }' "$1"
}

# one row of $runs from a pgbench run: its stdout, its CPU nanoseconds, its per-transaction logs
# (third field: latency in microseconds), and the table's counters
pgbench_row() { # STDOUT CPU_NS LOGPREFIX COUNTER_SUM ROWS STRATEGY CLIENTS KEYS REP
    python3 "$lockdemo_root/scripts/python/bench_pgbench_row.py" "$@" >> "$runs"
}

run_lockdemo() { # STRATEGY CLIENTS KEYS REP
    local json="$tmp/lockdemo.json"
    local url_args=()
    [ -n "$url" ] && url_args=(--url "$url" --user "$user")
    local rc=0
    # shellcheck disable=SC2086 # --lockdemo-args is split on purpose
    run "${lockdemo_cmd[@]}" race "${url_args[@]}" --strategy "$1" \
        --threads "$2" --keys "$3" --duration "${duration}s" --warmup "${warmup}s" --seed "$4" --quiet \
        --json "$json" $lockdemo_args > "$tmp/lockdemo.out" 2> "$tmp/lockdemo.err" || rc=$?
    if [ ! -s "$json" ]; then
        echo "bench: lockdemo $1 --threads $2 --keys $3 exited $rc without a result:" >&2
        cat "$tmp/lockdemo.err" >&2
        failures=$((failures + 1))
        return 0
    fi
    lockdemo_row "$json" "$@"
    rm -f "$json"
}

run_pgbench() { # STRATEGY CLIENTS KEYS REP
    local strategy=$1 n=$2 k=$3 rep=$4
    # a name 'lockdemo cleanup' recognizes, should this script be killed before it drops it
    table="lockdemo_$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')_$strategy"
    sed "s/{table}/$table/g" "$lockdemo_root/src/main/resources/org/lockdemo/db/postgresql/create-table.sql" | psql_
    psql_ -c "COMMENT ON TABLE $table IS 'lockdemo table created at $(date -u +%Y-%m-%dT%H:%M:%SZ)'" \
        -c "INSERT INTO $table (jahr, monat, some_value) SELECT k / 12 + 1, k % 12 + 1, 0 FROM generate_series(0, $k - 1) k"
    sed "s/lockdemo_pgbench/$table/g" "$lockdemo_root/scripts/pgbench/$strategy.sql" > "$tmp/script.sql"
    local j=$((pgbench_threads < n ? pgbench_threads : n))
    rm -f "$tmp"/pgbench_log.*
    local rc=0
    times > "$tmp/times.before"
    run pgbench -n -M prepared -h "$pg_host" -p "$pg_port" -U "$user" -f "$tmp/script.sql" -D keys="$k" \
        -c "$n" -j "$j" -T "$duration" -l --log-prefix="$tmp/pgbench_log" "$pg_db" \
        > "$tmp/pgbench.out" 2> "$tmp/pgbench.err" || rc=$?
    times > "$tmp/times.after"
    echo $(( $(children_cpu_ns "$tmp/times.after") - $(children_cpu_ns "$tmp/times.before") )) > "$tmp/cpu_ns.txt"
    if [ "$rc" -ne 0 ] || ! grep -q "^tps = " "$tmp/pgbench.out"; then
        echo "bench: pgbench $strategy -c $n keys $k exited $rc:" >&2
        tail -5 "$tmp/pgbench.err" >&2
        failures=$((failures + 1))
    else
        local sums
        sums="$(psql_ -At -F ' ' -c "SELECT coalesce(sum(some_value), 0), count(*) FROM $table")"
        # shellcheck disable=SC2086 # the two sums are two arguments
        pgbench_row "$tmp/pgbench.out" "$tmp/cpu_ns.txt" "$tmp/pgbench_log" ${sums} "$strategy" "$n" "$k" "$rep"
    fi
    psql_ -c "DROP TABLE $table"
    table=""
}

describe() {
    local where="${url:-the embedded PostgreSQL}"
    echo "bench $mode: $where, clients $clients, keys $keys, strategies $strategies, $reps rep(s) of ${duration}s," \
        "lockdemo on ${LOCKDEMO_JAVA:-java} --warmup ${warmup}s${lockdemo_args:+ $lockdemo_args}, pgbench -M prepared -j min(clients, $pgbench_threads);" \
        "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
}
describe | tee "$summary"

if [ "$mode" = compare ]; then
    for rep in $(seq "$reps"); do
        for k in $keys; do
            for n in $clients; do
                for s in $strategies; do
                    echo "bench: rep $rep/$reps, $s, $n clients, $k keys" >&2
                    if [ $((rep % 2)) -eq 1 ]; then
                        run_pgbench "$s" "$n" "$k" "$rep"; run_lockdemo "$s" "$n" "$k" "$rep"
                    else
                        run_lockdemo "$s" "$n" "$k" "$rep"; run_pgbench "$s" "$n" "$k" "$rep"
                    fi
                done
            done
        done
    done
else
    max_threads=0
    if [ -n "$url" ]; then
        max_threads=$(( $(psql_ -At -c "SELECT current_setting('max_connections')::int
            - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')
            - current_setting('superuser_reserved_connections')::int") - 2 ))
    fi
    for rep in $(seq "$reps"); do
        for k in $keys; do
            for n in $clients; do
                if [ "$max_threads" -gt 0 ] && [ "$n" -gt "$max_threads" ]; then
                    echo "bench: skipping $n threads: the server has room for about $max_threads" \
                        "(max_connections); run the curve on the embedded PostgreSQL (no --url)" | tee -a "$summary" >&2
                    continue
                fi
                for s in $strategies; do
                    echo "bench: curve rep $rep/$reps, $s, $n threads, $k keys" >&2
                    run_lockdemo "$s" "$n" "$k" "$rep"
                    [ "$curve_pgbench" = 1 ] && run_pgbench "$s" "$n" "$k" "$rep"
                done
            done
        done
    done
fi

checked=0
python3 "$lockdemo_root/scripts/python/bench_summary.py" "$runs" "$mode" "$check" >> "$summary" || checked=$?
tail -n +2 "$summary"
echo "bench: runs in $runs, summary in $summary"
if [ "$failures" -gt 0 ]; then echo "bench: $failures run(s) failed" >&2; exit 1; fi
exit "$checked"
