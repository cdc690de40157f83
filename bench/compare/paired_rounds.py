"""Interleaved rounds of the numpy seed step and the paired gradient run, so both sides see the same machine state:
each round runs numpy_shapes.py (best of 5) and then `LogReg.Simd.Bench paired "" 9`; the tables are the medians over
the rounds (with the lowest and highest round in parentheses).

Usage, from the repository root, after `dotnet build -c Release bench/LogReg.Simd.Bench`:
  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 bench/compare/paired_rounds.py [ROUNDS]
"""
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.join(HERE, "..", "LogReg.Simd.Bench", "bin", "Release", "net10.0", "LogReg.Simd.Bench.dll")


def table_rows(text, columns):
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == columns and re.match(r"\d+x\d+$", cells[0]):
            yield cells


def number(cell):
    return float(cell.rstrip("%x "))


def spread(values, fmt):
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}-{fmt(max(values))})"


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    numpy_ms, paired = {}, {}
    for _ in range(rounds):
        out = subprocess.run([sys.executable, os.path.join(HERE, "numpy_shapes.py"), "5"], capture_output=True, text=True, check=True, cwd=HERE).stdout
        for shape, step, _gradient in table_rows(out, 3):
            numpy_ms.setdefault(shape, []).append(float(step))
        out = subprocess.run(["dotnet", BENCH, "paired", "", "9"], capture_output=True, text=True, check=True).stdout
        for shape, t, read_only, fused, fused_share, column_share, threads in table_rows(out, 7):
            row = paired.setdefault((shape, t), {"read-only": [], "fused": [], "fused share": [], "column share": [], "threads": [], "column": []})
            row["read-only"].append(float(read_only))
            row["fused"].append(float(fused))
            row["fused share"].append(number(fused_share))
            row["column share"].append(number(column_share))
            row["threads"].append(number(threads))
            row["column"].append(float(read_only) / (number(column_share) / 100))

    pct = lambda v: f"{v:.0f}%"
    ratio = lambda v: f"{v:.2f}x"
    print(f"Paired run, median of {rounds} rounds (lowest-highest round):\n")
    print("| shape | T | read-only, us | fused, us | fused of read-only | column-major of read-only | 2 threads / 1 |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for (shape, t), row in paired.items():
        print(f"| {shape} | {t} | {statistics.median(row['read-only']):.1f} | {statistics.median(row['fused']):.1f} | "
              f"{spread(row['fused share'], pct)} | {spread(row['column share'], pct)} | {spread(row['threads'], ratio)} |")
    print(f"\nAgainst numpy's seed step (float32), medians of the same {rounds} rounds:\n")
    print("| shape | numpy step, ms | fused (float), ms | column-major (float), ms | fused vs numpy | column-major vs numpy |")
    print("|---|---:|---:|---:|---:|---:|")
    for shape, values in numpy_ms.items():
        row = paired[(shape, "float")]
        step, fused, column = statistics.median(values), statistics.median(row["fused"]) / 1000, statistics.median(row["column"]) / 1000
        print(f"| {shape} | {step:.3f} | {fused:.3f} | {column:.3f} | {step / fused:.1f}x | {step / column:.1f}x |")


if __name__ == "__main__":
    main()
