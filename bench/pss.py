#!/usr/bin/env python3
"""PSS of a server: its master and every child, in KiB, from /proc/PID/smaps_rollup (PSS divides
each shared page among the processes that map it, so the sum is what the server costs).
Usage: pss.py MASTER_PID  (prints one integer). Importable: pss(master_pid)."""
import os, sys

def children(pid):
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                out.append(int(entry))
        except (OSError, ValueError):
            pass
    return out

def pss(master):
    total = 0
    for pid in [master] + children(master):
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total

if __name__ == "__main__":
    print(pss(int(sys.argv[1])))
