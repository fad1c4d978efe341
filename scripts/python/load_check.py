"""scripts/load.sh's verdict on a result: the run completed, every strategy's counts add up and its
checks passed, and the JVM's peak thread count stayed within the limit. Exit 0 when all hold, else 1.
Usage: load_check.py RESULT.json THREADS PEAK_THREADS THREAD_LIMIT"""
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
