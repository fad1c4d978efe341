"""scripts/profile.sh's summary from the JFR events it printed as JSON: the top CPU frames and
allocation sites of the worker threads, CPU and bytes per attempt, and round trips per attempt.
Usage: profile_summary.py OUT_DIR TOP STRATEGY"""
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
alloc_owner = collections.Counter()  # whose code asked for the memory, by the first non-JDK frame
allocated = {}
load = []  # (jvm, machine) CPU shares, once a second
thread_cpu = collections.Counter()  # machine-share-seconds per thread group, user and system
cores = os.cpu_count() or 1

def group(name):
    if name.startswith(worker):
        return "workers"
    if name.startswith("lockdemo-lockview"):
        return "lock-view sampler"
    return "main" if name == "main" else "other (JIT, GC, JFR, pool)"

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
        alloc_owner[".".join(cls(own(frames)).split(".")[:2]) if frames else "?"] += w
    elif t == "jdk.ThreadCPULoad":
        g = group(thread(e, "eventThread"))
        thread_cpu[g + ", user"] += e["values"]["user"] * cores
        thread_cpu[g + ", system"] += e["values"]["system"] * cores
    elif t == "jdk.CPULoad":
        v = e["values"]
        load.append((v["jvmUser"] + v["jvmSystem"], v["machineTotal"]))
    elif t == "jdk.ThreadAllocationStatistics" and thread(e, "thread").startswith(worker):
        name = thread(e, "thread")
        allocated[name] = max(allocated.get(name, 0), e["values"]["allocated"])

print(f"lockdemo profile: {strategy}, {n_attempts:,} attempts in {elapsed(f'{out}/profile.json'):.1f} s")
# jdk.CPULoad: shares of the whole machine, once a second, over the JVM's whole life
if load:
    jvm_cpu_s = sum(l[0] for l in load) * cores
    machine = sum(l[1] for l in load) / len(load)
    print(f"CPU (jdk.CPULoad): the JVM used {jvm_cpu_s:.1f} CPU-seconds in its {len(load)} s of life, start-up "
          f"included: {jvm_cpu_s / max(n_attempts, 1) * 1e6:.0f} us per attempt at most; the machine "
          f"({cores} cores) was {100 * machine:.0f}% busy")
if thread_cpu and n_attempts:
    # only the threads that live through the race: a short-lived thread's first load sample covers
    # less than a second, so scaling it by a second would overstate it
    print("CPU per attempt of the race's own threads (jdk.ThreadCPULoad, once a second):")
    for key, cpu_s in sorted(thread_cpu.items(), key=lambda kv: -kv[1]):
        if cpu_s > 0 and key.startswith(("workers", "lock-view")):
            print(f"  {cpu_s / n_attempts * 1e6:6.1f} us  {key}")
print()
table("CPU, top frames of the worker threads", cpu, max(samples, 1), "execution samples")
table("CPU by the first non-JDK frame's package", cpu_pkg, max(samples, 1), "execution samples")
table("Allocation by site (first non-JDK frame)", alloc_site, max(alloc_weight, 1), "sampled bytes")
table("Allocation by class", alloc_class, max(alloc_weight, 1), "sampled bytes")
table("Allocation by the first non-JDK frame's package", alloc_owner, max(alloc_weight, 1), "sampled bytes")
if n_attempts:
    print(f"Worker threads allocated about {alloc_weight / n_attempts:,.0f} bytes per attempt "
          f"(jdk.ObjectAllocationSample weights), of which org.lockdemo's own code "
          f"{alloc_owner.get('org.lockdemo', 0) / n_attempts:,.0f}")
total = sum(allocated.values())
if n_attempts and total:
    print(f"  cross-check: jdk.ThreadAllocationStatistics says {total / n_attempts:,.0f} bytes per attempt "
          f"({len(allocated)} workers, last sample up to 1 s before each ended, JIT warm-up included)")

writes = sum(1 for e in events(f"{out}/socket-events.json")
             if thread(e, "eventThread").startswith(worker))
socket_attempts = attempts(f"{out}/sockets.json")
if socket_attempts:
    print(f"Round trips: {writes:,} socket writes by the worker for {socket_attempts:,} attempts = "
          f"{writes / socket_attempts:.2f} per attempt (1 thread, 5 s)")
