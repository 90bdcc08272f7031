"""The engine alone: MkDocs and Material building the pages `atlas build` generated, without our help.

``python -m bench.baseline <project> <site>`` builds every language tree's docs
folder (``build/docs``, ``build/docs-ja``: left by the `atlas build` just before)
into ``<site>`` with the engine configured exactly as `atlas build` configures it
(mkdocs.yml, the tree's language, its navigation, directory URLs, Pagefind named
as the search so that the engine's own search plugin is off) but with nothing of
ours around it: no shortcut (generator.site.engine.shortcuts), no page reader, one
tree after the other in one process, as the engine does. It prints the seconds
the engine took, its configuration load included and our records' loading not.
That is the time `make bench` compares `atlas build` with (issue 19).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from generator.project import Project, check
from generator.relate.catalog import build_catalog
from generator.site.engineruns import EngineRuns
from generator.site.trees import render_options, trees


def plain_build(root: Path, site: Path) -> float:
    """Seconds the engine alone takes to build every tree of the project at ``root`` into ``site``: the build's own
    engine runs (generator.site.engineruns) the slow way, one tree after the other, unspared, no page reader."""
    project = Project(root)
    records = check(project).records
    runs = EngineRuns(project, trees(records, build_catalog(records), render_options(project)), site, True, False)
    start = time.perf_counter()
    outcome = runs.finish(lambda path, html: None)
    if not outcome.ok:
        raise SystemExit("\n".join(m.text for m in outcome.messages))
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"engine {plain_build(Path(sys.argv[1]), Path(sys.argv[2])):.3f}")
