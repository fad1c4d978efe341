"""The table of scripts/count-work.sh: per transaction, the difference of the long and the short
run's perf stat counters over the difference of their transactions, for lockdemo and pgbench, and
their ratio. Also writes OUT/per-transaction.csv.
Usage: count_work_table.py OUT TRANSACTIONS "SYSCALL ..." """
import csv, os, sys

out, transactions, syscalls = sys.argv[1], int(sys.argv[2]), sys.argv[3].split()


def counters(path):
    """perf stat -x, output: value,unit,event,... per line; comments start with #."""
    found = {}
    with open(path) as f:
        for line in f:
            fields = line.strip().split(",")
            if len(fields) < 3 or line.startswith("#"):
                continue
            value, event = fields[0], fields[2]
            if value.startswith("<"):
                sys.exit(f"count-work: {path}: {event} was {value}")
            found[event] = float(value)
    return found


def per_transaction(tool):
    short, long = (counters(os.path.join(out, f"{tool}-{n}.perf")) for n in ("short", "long"))
    return {e: (long[e] - short[e]) / transactions for e in long}


rows = [("system calls", "raw_syscalls:sys_enter", 1)]
rows += [(f"  {s}", f"syscalls:sys_enter_{s}", 1) for s in syscalls]
rows += [("context switches", "context-switches", 1), ("cpu migrations", "cpu-migrations", 1),
         ("CPU us (task-clock)", "task-clock", 1e3)]  # perf's task-clock is in ms

tools = [t for t in ("pgbench", "lockdemo") if os.path.exists(os.path.join(out, f"{t}-long.perf"))]
figures = {t: per_transaction(t) for t in tools}
print(f"per transaction (lockdemo: per attempt), from {transactions} transactions' difference:")
header = f"{'':22}" + "".join(f"{t:>11}" for t in tools) + ("      ratio" if len(tools) == 2 else "")
print(header)
with open(os.path.join(out, "per-transaction.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["counter"] + tools + (["ratio"] if len(tools) == 2 else []))
    for label, event, scale in rows:
        values = [figures[t].get(event, 0.0) * scale for t in tools]
        # a counter near zero can come out slightly negative (the difference of two runs): no ratio then
        ratio = values[1] / values[0] if len(values) == 2 and values[0] > 0.005 and values[1] >= 0 else None
        cells = "".join(f"{v:11.2f}" for v in values)
        print(f"{label:22}{cells}" + (f"{ratio:11.2f}" if ratio is not None else ("          -" if len(tools) == 2 else "")))
        w.writerow([label.strip()] + [f"{v:.3f}" for v in values] + ([f"{ratio:.3f}" if ratio is not None else ""] if len(tools) == 2 else []))
