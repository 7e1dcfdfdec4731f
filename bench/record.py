#!/usr/bin/env python3
"""Replace one section of bench/RESULTS.md with standard input.

Each benchmark owns a section between `<!-- NAME -->` and `<!-- end of NAME -->`; the rest of
the file (other benchmarks' sections, notes written by people) is kept as it is. A section not
yet in the file is appended.
"""
import pathlib, re, sys

name = sys.argv[1]
path = pathlib.Path(__file__).resolve().parent / "RESULTS.md"
body = sys.stdin.read().strip("\n")
section = f"<!-- {name} -->\n{body}\n<!-- end of {name} -->"
text = path.read_text() if path.exists() else "# Benchmark results\n"
pattern = re.compile(rf"<!-- {re.escape(name)} -->.*?<!-- end of {re.escape(name)} -->", re.S)
if pattern.search(text):
    text = pattern.sub(lambda _: section, text)
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
path.write_text(text)
