"""scripts/bench.sh's summary: medians per configuration from the runs file, as a table (compare:
lockdemo / pgbench ratios; curve: the rate over the 1-thread rate), and whether every run's counts
added up. Exit 1 with --check (CHECK = 1) when one did not.
Usage: bench_summary.py RUNS.csv compare|curve CHECK"""
import csv, statistics, sys
runs, mode, check = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
rows = list(csv.DictReader(open(runs)))
groups = {}
for r in rows:
    groups.setdefault((r["strategy"], int(r["keys"]), int(r["clients"]), r["tool"]), []).append(r)
def med(rs, col):
    vals = [float(r[col]) for r in rs if float(r[col]) >= 0]
    return statistics.median(vals) if vals else float("nan")
def ratio(a, b):
    return f"{a / b:.2f}" if b and b == b and a == a else "-"
def table(head, body):
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    for line in [head] + body:
        print("  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(line, widths))))
print()
if mode == "compare":
    print("medians per configuration; ratio = lockdemo / pgbench (committed/s: higher is better for lockdemo;")
    print("CPU/tx and latency: lower is better); committed = transactions that committed, per measured second")
    head = ["strategy", "keys", "clients", "pgb tx/s", "ld tx/s", "ratio", "pgb CPU us/tx", "ld CPU us/tx", "ratio",
            "pgb p50 ms", "ld p50 ms", "pgb p99 ms", "ld p99 ms", "p99 ratio"]
    body = []
    for (s, k, n, tool) in sorted(groups, key=lambda g: (g[0], g[1], g[2])):
        if tool != "lockdemo" or (s, k, n, "pgbench") not in groups:
            continue
        ld, pg = groups[(s, k, n, "lockdemo")], groups[(s, k, n, "pgbench")]
        body.append([s, k, n, f"{med(pg, 'committed_per_s'):.0f}", f"{med(ld, 'committed_per_s'):.0f}",
                     ratio(med(ld, "committed_per_s"), med(pg, "committed_per_s")),
                     f"{med(pg, 'cpu_us_per_tx'):.1f}", f"{med(ld, 'cpu_us_per_tx'):.1f}",
                     ratio(med(ld, "cpu_us_per_tx"), med(pg, "cpu_us_per_tx")),
                     f"{med(pg, 'p50_us') / 1e3:.2f}", f"{med(ld, 'p50_us') / 1e3:.2f}",
                     f"{med(pg, 'p99_us') / 1e3:.2f}", f"{med(ld, 'p99_us') / 1e3:.2f}",
                     ratio(med(ld, "p99_us"), med(pg, "p99_us"))])
    table(head, body)
else:
    print("lockdemo, medians; ratio = committed/s over the 1-thread rate of the same strategy and keys")
    head = ["strategy", "keys", "threads", "tx/s", "ratio", "CPU us/tx", "p50 ms", "p99 ms", "pgbench tx/s"]
    body = []
    for (s, k, n, tool) in sorted(groups, key=lambda g: (g[0], g[1], g[2])):
        if tool != "lockdemo":
            continue
        base = groups.get((s, k, 1, "lockdemo"))
        rate = med(groups[(s, k, n, tool)], "committed_per_s")
        pg = groups.get((s, k, n, "pgbench"))
        body.append([s, k, n, f"{rate:.0f}", ratio(rate, med(base, "committed_per_s")) if base else "-",
                     f"{med(groups[(s, k, n, tool)], 'cpu_us_per_tx'):.1f}",
                     f"{med(groups[(s, k, n, tool)], 'p50_us') / 1e3:.2f}",
                     f"{med(groups[(s, k, n, tool)], 'p99_us') / 1e3:.2f}",
                     f"{med(pg, 'committed_per_s'):.0f}" if pg else "-"])
    table(head, body)
bad = [r for r in rows if r["adds_up"] != "true"]
print()
loads = [float(r["load_1m"]) for r in rows]
if loads:
    print(f"load average (1 min) at the end of the runs: {min(loads):.1f} to {max(loads):.1f} on the machine's "
          "CPUs; a load above the CPU count means other processes took CPU from both tools")
print(f"{len(rows)} runs; counts add up in {len(rows) - len(bad)}"
      + ("" if not bad else "; NOT in: " + ", ".join(f"{r['tool']} {r['strategy']} c{r['clients']} k{r['keys']} rep{r['rep']}" for r in bad)))
if check and bad:
    sys.exit(1)
