"""Benchmark of the core: score every commune of the two-tier list, and load every shipped catalog.

Run: .venv/bin/python benchmarks/bench_core.py   (figures go to stdout; record them in docs/benchmarks.md)
Aims (issue: core): 3,321 assessments scored in under 0.5 s; each catalog loaded in under 50 ms.
"""

from __future__ import annotations

import platform
import statistics
import time

from dtdesktop.catalogs import load_file
from dtdesktop.catalogs.registry import resolve, shipped_paths
from dtdesktop.demo import sample_answers
from dtdesktop.scoring import parse_answers, score
from dtdesktop.units import unit_list

REPEATS = 5


def best_of(fn, repeats: int = REPEATS) -> tuple[float, float]:
    """(best, median) wall time in seconds over *repeats* runs."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    print(
        f"machine: {platform.processor() or platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )
    catalog = resolve("thanh-hoa-xa-2025")
    communes = unit_list("2026").communes()
    answers = [parse_answers(catalog, sample_answers(catalog, seed=i))[0] for i in range(len(communes))]

    def score_all() -> None:
        for a in answers:
            score(catalog, a, 2025)

    best, median = best_of(score_all)
    print(
        f"score {len(communes)} communes (thanh-hoa-xa-2025, {len(catalog.indicators)} indicators): "
        f"best {best * 1000:.1f} ms, median {median * 1000:.1f} ms"
    )

    raw = [sample_answers(catalog, seed=i) for i in range(len(communes))]

    def parse_and_score_all() -> None:
        for r in raw:
            score(catalog, parse_answers(catalog, r)[0], 2025)

    best, median = best_of(parse_and_score_all)
    print(
        f"parse answers + score {len(communes)} communes: best {best * 1000:.1f} ms, "
        f"median {median * 1000:.1f} ms"
    )

    for path in shipped_paths():
        best, median = best_of(lambda p=path: load_file(p), repeats=10)
        c = load_file(path)
        print(
            f"load {path.name} ({len(c.indicators)} indicators, validated): best {best * 1000:.1f} ms, "
            f"median {median * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
