"""Benchmark: import and audit a million items on this machine.

    python benchmarks/audit.py [--items 1000000] [--out benchmarks/RESULTS.md]

It generates a realistic workload (10% brand posts, 90% audience comments and brand replies,
six languages, six networks) as generic CSV, then measures, each phase in a fresh process so
peak memory is the phase's own: the cold import and audit, a warm re-audit, adding 10,000 new
items and re-auditing, and the floor (one DuckDB scan of the store).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from socialplan.activity.synthetic import (  # noqa: E402
    BRAND,
    CANNED,
    COMPLAINTS,
    NETWORKS,
    POSTS,
    PRAISE,
    QUESTIONS,
    REPLIES,
    TOOLS,
)

LANGS = ("en", "vi", "th", "zh", "el", "fa")


def generate(folder: Path, total: int, seed: int, prefix: str = "") -> Path:
    """Write *total* items (10% posts) as one generic CSV file; many texts are unique."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    end = dt.datetime(2026, 10, 31, tzinfo=dt.UTC)
    posts = max(1, total // 10)
    comments_left = total - posts
    path = folder / "items.csv"
    columns = [
        "network",
        "id",
        "author",
        "author_kind",
        "kind",
        "created_at",
        "text",
        "parent_id",
        "thread_id",
        "language",
        "client",
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        comment = 0
        for number in range(posts):
            network = NETWORKS[number % len(NETWORKS)]
            lang = LANGS[rng.randrange(6)]
            at = end - dt.timedelta(minutes=rng.randrange(365 * 24 * 60))
            pid = f"{prefix}p{number}"
            text = rng.choice(POSTS[lang])
            if rng.random() < 0.5:
                text = f"{text} {rng.randrange(10**6)}"
            writer.writerow(
                [
                    network,
                    pid,
                    BRAND,
                    "brand",
                    "post",
                    at.isoformat(),
                    text,
                    "",
                    "",
                    lang,
                    rng.choice(TOOLS),
                ]
            )
            share = comments_left // (posts - number)
            for _ in range(share):
                comment += 1
                comments_left -= 1
                cid = f"{prefix}c{comment}"
                roll = rng.random()
                c_at = at + dt.timedelta(minutes=rng.randrange(5, 2880))
                if roll < 0.3 and comment % 3 == 0:
                    reply = rng.choice(REPLIES[lang]) if roll < 0.2 else CANNED
                    writer.writerow(
                        [
                            network,
                            cid,
                            BRAND,
                            "brand",
                            "reply",
                            c_at.isoformat(),
                            f"{reply} #{comment}" if roll < 0.1 else reply,
                            f"{prefix}c{comment - 1}",
                            pid,
                            lang,
                            "",
                        ]
                    )
                    continue
                pool = QUESTIONS if roll < 0.5 else PRAISE if roll < 0.85 else COMPLAINTS
                text = rng.choice(pool[lang])
                if rng.random() < 0.4:
                    text = f"{text} {rng.randrange(10**6)}"
                writer.writerow(
                    [
                        network,
                        cid,
                        f"user{rng.randrange(200000)}",
                        "audience",
                        "comment",
                        c_at.isoformat(),
                        text,
                        pid,
                        pid,
                        lang,
                        "",
                    ]
                )
    return folder


def phase(name: str, code: str) -> dict[str, float]:
    """Run *code* in a fresh interpreter; its wall time and peak memory (MiB)."""
    script = (
        "import resource, time, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'src')!r})\n"
        "start = time.perf_counter()\n"
        f"{code}\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOCIALPLAN_LANG": "en"},
    )
    if done.returncode != 0:
        raise SystemExit(f"{name} failed:\n{done.stderr[-3000:]}")
    seconds, rss = done.stdout.strip().splitlines()[-1].split()
    result = {"seconds": float(seconds), "peak_mib": int(rss) / 1024}
    print(f"{name}: {result['seconds']:.1f} s, {result['peak_mib']:.0f} MiB", flush=True)
    return result


def main() -> None:
    """Generate, measure, and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="socialplan-bench-"))
    strategy = ROOT / "examples" / "demo" / "strategy.yaml"
    started = time.perf_counter()
    generate(work / "export", args.items, seed=1)
    generate(work / "more", 10_000, seed=2, prefix="n")
    generated = time.perf_counter() - started
    store = work / "store"
    common = (
        "from pathlib import Path\n"
        "import datetime as dt\n"
        "from socialplan.activity.store import Store\n"
        "from socialplan.activity.backends import duckdb_backend\n"
        "from socialplan.activity.ingest import import_path\n"
        "from socialplan.activity.importers.base import Brand\n"
        "from socialplan.rules.audit import Evidence, instantiate_evidence\n"
        "from socialplan.rules.registry import all_rules\n"
        "from socialplan.strategy import load_strategy\n"
        f"store = Store(Path({str(store)!r}))\n"
        f"loaded = load_strategy(Path({str(strategy)!r}))\n"
        "def audit():\n"
        "    ev = Evidence(con=duckdb_backend(store), strategy=loaded.document,"
        " today=dt.date(2026, 11, 1))\n"
        "    return sum(len(list(r.check(ev))) for r in"
        " instantiate_evidence(all_rules(), {}, dt.date(2026, 11, 1)))\n"
    )
    brand = "Brand.of([('facebook', 'lotustrails')])"
    cold = f"import_path(Path({str(work / 'export')!r}), store, {brand}); audit()"
    more = f"import_path(Path({str(work / 'more')!r}), store, {brand}); audit()"
    scan = "store.duckdb().execute('SELECT count(*), max(length(text)) FROM items').fetchall()"
    results = {
        "cold import + audit": phase("cold", common + cold),
        "warm re-audit": phase("warm", common + "audit()"),
        "add 10k items + re-audit": phase("incremental", common + more),
        "floor: one DuckDB scan": phase("floor", common + scan),
    }
    lines = [
        f"## Audit benchmark, {dt.date.today().isoformat()}",
        "",
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}. "
        f"Workload: {args.items:,} items (generated in {generated:.0f} s), six languages, "
        f"six networks.",
        "",
        "| phase | seconds | peak memory (MiB) |",
        "|---|---:|---:|",
    ]
    lines += [f"| {k} | {v['seconds']:.1f} | {v['peak_mib']:.0f} |" for k, v in results.items()]
    text = "\n".join(lines) + "\n"
    print(text)
    previous = (
        args.out.read_text(encoding="utf-8") if args.out.exists() else "# Benchmark results\n"
    )
    args.out.write_text(previous.rstrip() + "\n\n" + text, encoding="utf-8")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
