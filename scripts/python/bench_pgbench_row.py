"""One CSV row of scripts/bench.sh's runs file from a pgbench run: its stdout, a file with its CPU
nanoseconds, its per-transaction logs (third field: latency in microseconds), and the table's counters.
Usage: bench_pgbench_row.py STDOUT CPU_NS_FILE LOGPREFIX COUNTER_SUM ROWS STRATEGY CLIENTS KEYS REP"""
import glob, re, sys
stdout, timefile, logprefix, counter_sum, rows, strategy, clients, keys, rep = sys.argv[1:]
text = open(stdout).read()
tx = int(re.search(r"number of transactions actually processed: (\d+)", text).group(1))
failed = re.search(r"number of failed transactions: (\d+)", text)
failed = int(failed.group(1)) if failed else 0
tps = float(re.search(r"tps = ([0-9.]+) \(without initial connection time\)", text).group(1))
cpu = int(open(timefile).read())
lat = []
for f in glob.glob(logprefix + ".*"):
    for line in open(f):
        parts = line.split()
        if len(parts) > 2 and parts[2].isdigit():
            lat.append(int(parts[2]))
lat.sort()
pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else 0
# every savepoint transaction adds 1 to one counter; naive only reads a row that exists (the
# thread's code), so its counters stay 0; the K prefilled rows stay K
expected_sum = 0 if strategy == "naive" else tx
adds_up = failed == 0 and int(counter_sum) == expected_sum and int(rows) == int(keys) and len(lat) == tx
elapsed = tx / tps if tps else 0
print(f"pgbench,{strategy},{clients},{keys},{rep},{tx},{elapsed:.3f},{tx},{tps:.1f},{cpu},"
      f"{cpu / tx / 1e3 if tx else -1:.2f},{pct(50)},{pct(99)},{str(adds_up).lower()},"
      f"{open('/proc/loadavg').read().split()[0]}")
