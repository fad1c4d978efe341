#!/usr/bin/env bash
# Where lockdemo's own time and memory go during a race: runs one race under Java Flight Recorder
# and prints the top CPU frames and allocation sites of the worker threads, the bytes the workers
# allocate per attempt, and the round trips (socket writes) per attempt.
#
# Usage: scripts/profile.sh [OPTIONS] [-- extra lockdemo race options...]
#   --url JDBC_URL   default jdbc:postgresql://127.0.0.1:5432/test (user postgres, or root for
#                    MySQL/MariaDB; a --user among the extra options overrides it)
#   --strategy S     (default savepoint)      --threads N   (default 16)    --keys K   (default 64)
#   --seconds S      of the profiled run (default 20)    --top N   rows per table (default 12)
# Each option is also read from the environment as before: PROFILE_STRATEGY, PROFILE_THREADS,
# PROFILE_KEYS, PROFILE_SECONDS, PROFILE_TOP. The old form, scripts/profile.sh [JDBC_URL] [extra
# lockdemo race options...], still works: a first argument that is no option is the URL, and
# options this script does not know go to lockdemo race. LOCKDEMO_JAR and LOCKDEMO_JAVA_OPTS: see
# scripts/lib.sh (the recording's options are added to LOCKDEMO_JAVA_OPTS).
#
# Two runs: the profile (settings=profile, execution samples every 2 ms, allocation samples) and a
# short one with every socket write recorded (threshold 0), kept apart so that recording each write
# does not distort the profile. Everything goes to target/profile/ (recordings, JSON results,
# summary.txt), which each run replaces; nothing is left elsewhere, not even JFR's repository.
# Needs the JDK's `jfr` and python3. Exit: 0 done; 1 a run failed; 2 usage or a missing tool.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
url=""
strategy="${PROFILE_STRATEGY:-savepoint}"
threads="${PROFILE_THREADS:-16}"
keys="${PROFILE_KEYS:-64}"
seconds="${PROFILE_SECONDS:-20}"
top="${PROFILE_TOP:-12}"
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --url) url="${2:?--url needs a value}"; shift 2 ;;
        --strategy) strategy="${2:?--strategy needs a value}"; shift 2 ;;
        --threads) threads="${2:?--threads needs a value}"; shift 2 ;;
        --keys) keys="${2:?--keys needs a value}"; shift 2 ;;
        --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
        --top) top="${2:?--top needs a value}"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        --) shift; extra+=("$@"); break ;;
        -*) extra+=("$1"); shift ;;
        *) if [ -z "$url" ] && [ ${#extra[@]} -eq 0 ]; then url="$1"; else extra+=("$1"); fi; shift ;;
    esac
done
url="${url:-jdbc:postgresql://127.0.0.1:5432/test}"
lockdemo_int --threads "$threads"
lockdemo_int --seconds "$seconds"
lockdemo_int --top "$top"
out="$lockdemo_root/target/profile"

lockdemo_need 2 java jfr python3
set -- "${extra[@]}"
user=(--user postgres)
case " $* " in *" --user "*) user=() ;; esac
case "$url" in jdbc:mysql:*|jdbc:mariadb:*) [ ${#user[@]} -eq 0 ] || user=(--user root) ;; esac

# build the jar first (scripts/lockdemo would, but inside the timed run)
lockdemo_build

rm -rf "$out"
mkdir -p "$out/repository"
# JFR's chunk repository lives under target/profile too (not in /tmp), so even a run that is
# killed leaves its recording data nowhere else
jfr_options="-XX:FlightRecorderOptions=repository=$out/repository"

race() { # race JFR_OPTIONS JSON DURATION THREADS
    LOCKDEMO_JAVA_OPTS="$lockdemo_java_opts $jfr_options -XX:StartFlightRecording=$1" \
        "$lockdemo_root/scripts/lockdemo" race --url "$url" "${user[@]}" --strategy "$strategy" --keys "$keys" \
        --threads "$4" --duration "$3" --json "$2" "${@:5}" >"$2.out" 2>&1 || {
        echo "profile.sh: lockdemo race failed (exit $?); its output:" >&2
        cat "$2.out" >&2
        exit 1
    }
}

echo "profile.sh: profiling $strategy, $threads threads, --keys $keys, ${seconds}s on $url ..." >&2
race "filename=$out/profile.jfr,settings=profile,jdk.ExecutionSample#period=2ms,jdk.ThreadAllocationStatistics#period=1s,jdk.ThreadCPULoad#period=1s,dumponexit=true" "$out/profile.json" "${seconds}s" "$threads" "$@"
echo "profile.sh: counting round trips (every socket write recorded), 1 thread, 5s ..." >&2
race "filename=$out/sockets.jfr,settings=default,jdk.SocketWrite#threshold=0ms,jdk.SocketRead#enabled=false,dumponexit=true" \
    "$out/sockets.json" 5s 1 "$@"

jfr print --json --events jdk.ExecutionSample,jdk.ObjectAllocationSample,jdk.ThreadAllocationStatistics,jdk.CPULoad,jdk.ThreadCPULoad \
    "$out/profile.jfr" >"$out/profile-events.json"
jfr print --json --events jdk.SocketWrite "$out/sockets.jfr" >"$out/socket-events.json"

python3 "$lockdemo_root/scripts/python/profile_summary.py" "$out" "$top" "$strategy" | tee "$out/summary.txt"
rm -rf "$out/profile-events.json" "$out/socket-events.json" "$out/repository"
echo "profile.sh: recordings and summary in ${out#"$lockdemo_root"/}/" >&2
