#!/usr/bin/env python3
"""Reads slowhttptest's CSV (-g -o PREFIX) and prints how many seconds the service was
unavailable, out of how many, and the most connections the attack held open at once.
Usage: slowloris.py PREFIX.csv"""
import csv, sys

try:
    with open(sys.argv[1]) as f:
        rows = list(csv.reader(f))
except OSError:
    print("no statistics (slowhttptest did not run)")
    sys.exit(0)
header, data = rows[0], [r for r in rows[1:] if r]
col = {name.strip().lower().replace(" ", "_"): i for i, name in enumerate(header)}
# slowhttptest writes the probe's result scaled to the connection count: 0 means the probe got
# no answer within -p seconds that second.
available = [int(r[col["service_available"]]) for r in data]
connected = [int(r[col["connected"]]) for r in data]
down = sum(1 for a in available if a == 0)
print(f"unavailable {down} s of {len(data)} s, up to {max(connected, default=0)} connections held")
