"""One CSV row of scripts/bench.sh's runs file from a lockdemo result: committed = created + found +
found_after_conflict (the outcomes that commit), per second of the measured window; CPU of the
measured window.
Usage: bench_lockdemo_row.py RESULT.json STRATEGY CLIENTS KEYS REP"""
import json, sys
path, strategy, clients, keys, rep = sys.argv[1:]
d = json.load(open(path))
s = d["strategies"][0]
o = s["outcomes"]
committed = o["created"] + o["found"] + o["found_after_conflict"]
adds_up = d["status"] == "complete" and d["checks_ok"] and sum(o.values()) == s["attempts"]
cpu = s.get("client_cpu_nanos", -1)
per = cpu / committed / 1e3 if cpu >= 0 and committed else -1
print(f"lockdemo,{strategy},{clients},{keys},{rep},{s['attempts']},{s['elapsed_s']},{committed},"
      f"{committed / s['elapsed_s']:.1f},{cpu},{per:.2f},{s['latency_us']['p50']},{s['latency_us']['p99']},"
      f"{str(adds_up).lower()},{open('/proc/loadavg').read().split()[0]}")
