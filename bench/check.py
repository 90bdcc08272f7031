"""`atlas check` on the synthetic corpus, with and without its archive: medians of cold and warm runs.

The corpus (bench.corpus) gives each of its 200 platforms an acceptable use policy
with 5 archived versions of about 50 KB, and its verbatim and excerpt provisions
quote one of them, so the check proves every quote. The same corpus without
``archive/`` and ``text.version`` shows what the proof costs.

    python -m bench.check --size 10000 --repeat 5
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.corpus import write_corpus


def _check(root: Path, *, cold: bool) -> float:
    if cold:
        shutil.rmtree(root / ".cache", ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=root, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"atlas check failed in {root}:\n{proc.stderr.decode()[-2000:]}")
    return elapsed


def without_archive(root: Path, dest: Path) -> Path:
    """A copy of the corpus at ``root`` with no archive and no record naming a version."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns("archive", ".cache"))
    for path in (dest / "provisions").rglob("*.yaml"):
        text = path.read_text()
        if "  version: " in text:
            path.write_text(re.sub(r"^  version: .*\n", "", text, flags=re.MULTILINE))
    return dest


def measure(root: Path, repeat: int) -> dict[str, float]:
    """Medians of ``repeat`` cold and warm checks, interleaved."""
    cold, warm = [], []
    for _ in range(repeat):
        cold.append(_check(root, cold=True))
        warm.append(_check(root, cold=False))
    return {"cold": statistics.median(cold), "warm": statistics.median(warm)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--work", type=Path, default=Path("build/bench"))
    args = ap.parse_args(argv)
    corpus = write_corpus(args.work / f"check-{args.size}", args.size)
    plain = without_archive(corpus, args.work / f"check-{args.size}-no-archive")
    archived = sum(1 for _ in (corpus / "archive").rglob("*.md"))
    quoting = sum(1 for p in (corpus / "provisions").rglob("*.yaml") if "  version: " in p.read_text())
    print(f"{args.size} provisions, {quoting} quoting {archived} archived versions; medians of {args.repeat}")
    print("| corpus | check cold (s) | check warm (s) |\n| --- | --- | --- |")
    for label, root in (("with the archive", corpus), ("without it", plain)):
        m = measure(root, args.repeat)
        print(f"| {label} | {m['cold']:.2f} | {m['warm']:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
