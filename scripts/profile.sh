#!/usr/bin/env bash
# Where lockdemo's own time and memory go during a race: runs one race under Java Flight Recorder
# and prints the top CPU frames and allocation sites of the worker threads, the bytes the workers
# allocate per attempt, and the round trips (socket writes) per attempt.
#
# Usage: scripts/profile.sh [JDBC_URL] [extra lockdemo race options...]
#   default URL: jdbc:postgresql://127.0.0.1:5432/test (user postgres; --user in the extra options
#   overrides it). Environment: PROFILE_STRATEGY (savepoint), PROFILE_THREADS (16), PROFILE_KEYS
#   (64), PROFILE_SECONDS (20), PROFILE_TOP (12 rows per table).
#
# Two runs: the profile (settings=profile: execution samples every 10 ms, allocation samples) and a
# short one with every socket write recorded (threshold 0), kept apart so that recording each write
# does not distort the profile. Everything goes to target/profile/ (recordings, JSON results,
# summary.txt), which each run replaces; nothing is left elsewhere, not even JFR's repository. Needs the JDK's `jfr` and python3.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
url="${1:-jdbc:postgresql://127.0.0.1:5432/test}"
if [ $# -gt 0 ]; then shift; fi
strategy="${PROFILE_STRATEGY:-savepoint}"
threads="${PROFILE_THREADS:-16}"
keys="${PROFILE_KEYS:-64}"
seconds="${PROFILE_SECONDS:-20}"
top="${PROFILE_TOP:-12}"
out="$root/target/profile"

for tool in java jfr python3; do
    command -v "$tool" >/dev/null || { echo "profile.sh: $tool not found on PATH" >&2; exit 2; }
done
user=(--user postgres)
case " $* " in *" --user "*) user=() ;; esac
case "$url" in jdbc:mysql:*|jdbc:mariadb:*) [ ${#user[@]} -eq 0 ] || user=(--user root) ;; esac

# build the jar first (scripts/lockdemo would, but inside the timed run)
"$root/scripts/lockdemo" --version >/dev/null

rm -rf "$out"
mkdir -p "$out/repository"
# JFR's chunk repository lives under target/profile too (not in /tmp), so even a run that is
# killed leaves its recording data nowhere else
jfr_options="-XX:FlightRecorderOptions=repository=$out/repository"

race() { # race JFR_OPTIONS JSON DURATION THREADS
    LOCKDEMO_JAVA_OPTS="-Xmx1g -XX:+UseSerialGC $jfr_options -XX:StartFlightRecording=$1" \
        "$root/scripts/lockdemo" race --url "$url" "${user[@]}" --strategy "$strategy" --keys "$keys" \
        --threads "$4" --duration "$3" --json "$2" "${@:5}" >"$2.out" 2>&1 || {
        echo "profile.sh: lockdemo race failed (exit $?); its output:" >&2
        cat "$2.out" >&2
        exit 1
    }
}

echo "profile.sh: profiling $strategy, $threads threads, --keys $keys, ${seconds}s on $url ..." >&2
race "filename=$out/profile.jfr,settings=profile,dumponexit=true" "$out/profile.json" "${seconds}s" "$threads" "$@"
echo "profile.sh: counting round trips (every socket write recorded), 1 thread, 5s ..." >&2
race "filename=$out/sockets.jfr,settings=default,jdk.SocketWrite#threshold=0ms,jdk.SocketRead#enabled=false,dumponexit=true" \
    "$out/sockets.json" 5s 1 "$@"

jfr print --json --events jdk.ExecutionSample,jdk.ObjectAllocationSample,jdk.ThreadAllocationStatistics,jdk.CPULoad \
    "$out/profile.jfr" >"$out/profile-events.json"
jfr print --json --events jdk.SocketWrite "$out/sockets.jfr" >"$out/socket-events.json"

python3 - "$out" "$top" "$strategy" <<'PY' | tee "$out/summary.txt"
import collections, json, os, sys
out, top, strategy = sys.argv[1], int(sys.argv[2]), sys.argv[3]
worker = "lockdemo-" + strategy + "-w"

def events(path):
    return json.load(open(path))["recording"]["events"]

def thread(e, field):
    t = e["values"].get(field) or {}
    return t.get("javaName") or t.get("osName") or ""

def cls(f):
    return f["method"]["type"]["name"].replace("/", ".")

def frame(f):
    return cls(f) + "." + f["method"]["name"] + ":" + str(f.get("lineNumber", -1))

JDK = ("java.", "jdk.", "sun.")

def own(frames):
    """The first frame that is not the JDK's: whose code the time or the allocation is for."""
    return next((f for f in frames if not cls(f).startswith(JDK)), frames[0])

def attempts(path):
    run = json.load(open(path))
    return sum(s["attempts"] for s in run["strategies"])

def elapsed(path):
    return sum(s["elapsed_s"] for s in json.load(open(path))["strategies"])

def table(title, counter, total, unit):
    print(f"{title} (of {total:,} {unit})")
    for key, n in counter.most_common(top):
        print(f"  {100.0 * n / total:5.1f}%  {key}")
    print()

ev = events(f"{out}/profile-events.json")
n_attempts = attempts(f"{out}/profile.json")

cpu, cpu_pkg, samples = collections.Counter(), collections.Counter(), 0
alloc_site, alloc_class, alloc_weight = collections.Counter(), collections.Counter(), 0
allocated = {}
load = []  # (jvm, machine) CPU shares, once a second
for e in ev:
    t = e["type"]
    if t == "jdk.ExecutionSample" and thread(e, "sampledThread").startswith(worker):
        frames = e["values"]["stackTrace"]["frames"]
        if not frames:
            continue
        samples += 1
        cpu[frame(frames[0])] += 1
        cpu_pkg[".".join(cls(own(frames)).split(".")[:2])] += 1
    elif t == "jdk.ObjectAllocationSample" and thread(e, "eventThread").startswith(worker):
        w = e["values"]["weight"]
        frames = e["values"]["stackTrace"]["frames"]
        alloc_weight += w
        alloc_class[e["values"]["objectClass"]["name"].replace("/", ".")] += w
        alloc_site[frame(own(frames)) if frames else "?"] += w
    elif t == "jdk.CPULoad":
        v = e["values"]
        load.append((v["jvmUser"] + v["jvmSystem"], v["machineTotal"]))
    elif t == "jdk.ThreadAllocationStatistics" and thread(e, "thread").startswith(worker):
        name = thread(e, "thread")
        allocated[name] = max(allocated.get(name, 0), e["values"]["allocated"])

print(f"lockdemo profile: {strategy}, {n_attempts:,} attempts in {elapsed(f'{out}/profile.json'):.1f} s")
# jdk.CPULoad: shares of the whole machine, once a second; the seconds of the race (the machine
# busy) without the first, which includes start-up
busy = [l for l in load if l[1] > 0][1:]
if busy:
    jvm = sum(l[0] for l in busy) / len(busy)
    machine = sum(l[1] for l in busy) / len(busy)
    cores = os.cpu_count() or 1
    per_attempt_us = jvm * cores * elapsed(f"{out}/profile.json") / max(n_attempts, 1) * 1e6
    print(f"CPU (jdk.CPULoad, {len(busy)} one-second samples): lockdemo's JVM {100 * jvm:.1f}% of the machine "
          f"({cores} cores), the machine {100 * machine:.1f}% busy; about {per_attempt_us:.0f} us of client CPU "
          f"per attempt (all JVM threads: workers, lock-view sampler, JIT, GC, JFR)")
print()
table("CPU, top frames of the worker threads", cpu, max(samples, 1), "execution samples")
table("CPU by the first non-JDK frame's package", cpu_pkg, max(samples, 1), "execution samples")
table("Allocation by site (first non-JDK frame)", alloc_site, max(alloc_weight, 1), "sampled bytes")
table("Allocation by class", alloc_class, max(alloc_weight, 1), "sampled bytes")
total = sum(allocated.values())
if n_attempts and total:
    print(f"Worker threads allocated {total / 2**20:,.1f} MiB in all: {total / n_attempts:,.0f} bytes per attempt "
          f"(jdk.ThreadAllocationStatistics over {len(allocated)} workers, including start-up and JIT warm-up)")

writes = sum(1 for e in events(f"{out}/socket-events.json")
             if thread(e, "eventThread").startswith(worker))
socket_attempts = attempts(f"{out}/sockets.json")
if socket_attempts:
    print(f"Round trips: {writes:,} socket writes by the worker for {socket_attempts:,} attempts = "
          f"{writes / socket_attempts:.2f} per attempt (1 thread, 5 s; includes the first connection's set-up)")
PY
rm -rf "$out/profile-events.json" "$out/socket-events.json" "$out/repository"
echo "profile.sh: recordings and summary in ${out#"$root"/}/" >&2
