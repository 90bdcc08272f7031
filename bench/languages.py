"""`python -m bench.languages`: a build with both language trees beside English alone (issue 16).

For each size it writes the synthetic corpus (bench/corpus.py: records without
translations, so the Japanese tree is all English fallback under Japanese
interface strings, the same number of pages a translated corpus makes), then
builds it from a cold cache with ``extra.atlas.languages: [en]`` and with
``[en, ja]`` (interleaved, ``--repeat`` times each; medians), and reports the
wall time, peak memory and the size of the built site. Nothing here is a test:
numbers vary by machine and load.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
from pathlib import Path

from bench.corpus import write_corpus
from bench.run import REPO, _run, _tree_size

LANGUAGES = {"English alone": "[en]", "English and Japanese": "[en, ja]"}


def _set_languages(root: Path, value: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    marker = "\n  atlas:\n"
    assert marker in text, "mkdocs.yml has no extra.atlas block"
    head, _, tail = text.partition(marker)
    tail = "\n".join(line for line in tail.split("\n") if not line.startswith("    languages:"))
    config.write_text(f"{head}{marker}    languages: {value}\n{tail}", encoding="utf-8")


def measure(size: int, work: Path, repeat: int) -> list[tuple[str, float, float, float]]:
    root = write_corpus(work / f"corpus-{size}", size)
    runs: dict[str, list[tuple[float, int, int]]] = {name: [] for name in LANGUAGES}
    for _ in range(repeat):
        for name, value in LANGUAGES.items():
            _set_languages(root, value)
            shutil.rmtree(root / "build", ignore_errors=True)  # a first build: no page cache
            shutil.rmtree(root / "site", ignore_errors=True)
            seconds, peak, _ = _run([sys.executable, "-m", "generator", "build"], root)
            runs[name].append((seconds, peak, _tree_size(root / "site")))
    return [
        (
            name,
            statistics.median(r[0] for r in found),
            statistics.median(r[1] for r in found) / 1024,
            statistics.median(r[2] for r in found) / 2**20,
        )
        for name, found in runs.items()
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--work", default=str(REPO / "build" / "bench-languages"))
    args = ap.parse_args(argv)
    print("| provisions | trees | first build (s) | peak memory (MiB) | site (MiB) |")
    print("| ---: | --- | ---: | ---: | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        for name, seconds, peak, mib in measure(size, Path(args.work), args.repeat):
            print(f"| {size:,} | {name} | {seconds:.1f} | {peak:.0f} | {mib:.1f} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
