"""Stage 5, engine: turn the generated docs folder into a static site with MkDocs.

This is the only module that imports MkDocs. The rest of the pipeline writes
plain Markdown and assets into a folder; moving to another engine (ProperDocs,
Zensical) means replacing these few functions. The project's ``mkdocs.yml`` holds
the theme and look; we override only what the generator owns: where the docs
are, where the site goes, the navigation and URL style.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Folders of generated detail pages: reachable through hub pages and search,
#: deliberately not in the navigation (every page carries the whole nav).
DETAIL_FOLDERS = ("provisions", "categories", "platforms", "jurisdictions", "transparency")

#: The Web Worker shim that lets the search worker run from ``file://`` (vendored
#: iframe-worker, see generator/vendor/README.md). Material's offline plugin would
#: load it from a CDN; we name our copy first, so the plugin adds nothing.
WORKER_SHIM = Path(__file__).resolve().parent / "vendor" / "iframe-worker-1.0.4.js"
WORKER_SHIM_URL = "assets/offline/iframe-worker.js"


@dataclass(frozen=True, slots=True)
class EngineResult:
    ok: bool
    messages: tuple[str, ...]  # the engine's warnings and errors, as it worded them


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname.lower()}: {record.getMessage()}")


@contextmanager
def _collect_logs() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def config_overrides(docs: Path, site: Path, nav: list[dict[str, Any]], directory_urls: bool) -> dict[str, Any]:
    not_in_nav = "\n".join(f"/{folder}/*.md" for folder in DETAIL_FOLDERS) + "\n/provisions/**/*.md"
    return {
        "docs_dir": str(docs),
        "site_dir": str(site),
        "nav": nav,
        "not_in_nav": not_in_nav,
        "use_directory_urls": directory_urls,
        "strict": True,
    }


def _enable_offline(config: Any) -> None:
    """Material's offline plugin (search index inlined as a script), with our local worker shim."""
    from material.plugins.offline.plugin import OfflinePlugin

    config.extra["polyfills"] = [*config.extra.get("polyfills", []), WORKER_SHIM_URL]
    if not any(name.split("/")[-1] == "offline" for name in config.plugins):
        plugin = OfflinePlugin()
        plugin.load_config({})
        config.plugins["material/offline"] = plugin


def build(
    config_file: Path,
    docs: Path,
    site: Path,
    nav: list[dict[str, Any]],
    *,
    directory_urls: bool = True,
    offline: bool | None = None,
) -> EngineResult:
    """Build ``docs`` into ``site`` with the project's MkDocs configuration, strictly.

    ``offline`` (default: whenever file URLs are asked for) makes the site work
    from ``file://`` with nothing fetched from outside it, search included.
    """
    from mkdocs import exceptions
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    offline = not directory_urls if offline is None else offline
    with _collect_logs() as logs:
        try:
            config = load_config(str(config_file), **config_overrides(docs, site, nav, directory_urls))
            if offline:
                _enable_offline(config)
            mkdocs_build.build(config)
            if offline:
                shim = site / WORKER_SHIM_URL
                shim.parent.mkdir(parents=True, exist_ok=True)
                shim.write_bytes(WORKER_SHIM.read_bytes())
        except (exceptions.MkDocsException, exceptions.Abort) as exc:
            return EngineResult(False, (*logs.messages, f"error: {exc}"))
    return EngineResult(not logs.messages, tuple(logs.messages))


def serve(config_file: Path, docs: Path, nav: list[dict[str, Any]], *, host: str, port: int, watch: list[Path]) -> None:
    """Serve the site with live reload; rebuilds when ``docs`` (which we rewrite) changes."""
    from mkdocs.commands import serve as mkdocs_serve

    overrides = config_overrides(docs, docs.parent / "serve-site", nav, True)
    overrides.pop("site_dir")
    overrides["strict"] = False
    mkdocs_serve.serve(
        str(config_file), livereload=True, watch=[str(w) for w in watch], dev_addr=f"{host}:{port}", **overrides
    )


def edit_base(config_file: Path) -> str:
    """Where "Edit this record" links point: ``repo_url`` + ``edit_uri`` of the engine config, or ""."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open(encoding="utf-8") as handle:
        config = yaml_load(handle) or {}
    repo = str(config.get("repo_url") or "").rstrip("/")
    edit_uri = str(config.get("edit_uri") or "").strip("/")
    if not repo or not edit_uri:
        return ""
    return f"{repo}/{edit_uri}/"
