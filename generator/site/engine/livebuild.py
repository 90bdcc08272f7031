"""The preview's rebuilds of one tree, page by page: the engine's state is kept between them.

MkDocs' own preview builds its site again on every change, "dirty": it reads its configuration anew, lists every
file of the docs folder, builds the navigation and the theme's environment, then renders the pages whose files
are newer than their output. At 1,000 provisions that is 0.6 s per tree before the first changed page is rendered,
and the preview has two trees. An edit changes a handful of pages (a provision's own, its category's, its
platform's), so :class:`LiveBuild` keeps what the first build worked out (the configuration, the files, the
navigation, the environment) and, when only the content of some files changed, renders just those pages with the
engine's own per-page steps (``_populate_page`` and ``_build_page`` of ``mkdocs.commands.build``: MkDocs 1.6 is
no longer developed, so they will not move under us) and copies just those other files.

It builds the whole tree, as before, whenever that would not give the same pages: on the first build, when a
file was added or removed (the navigation and the links between pages may change), when the navigation changed
(``clean``: the caller cleared the pages built before), and when an input of the engine itself changed (its
configuration file, the theme's overrides, the hooks), which a new configuration reads.

Part of the engine package (generator.site.engine), the only code that knows MkDocs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: A file's identity for "did it change": its modification time (ns) and size.
Stamp = tuple[int, int]


class Changes:
    """The files of one docs folder that changed since the tree's last build, as the generator told them (its
    writes: generator.render.writer.Written). A file added or removed changes what the tree holds (its
    navigation, its links): the next build is whole."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # told in one thread, taken in the builder's
        self._paths: set[str] = set()
        self._reshaped = False

    def add(self, paths: Iterable[str], *, reshaped: bool = False) -> None:
        """Files of the docs folder (relative, with ``/``) that changed; ``reshaped``: some were added or removed."""
        with self._lock:
            self._paths.update(paths)
            self._reshaped = self._reshaped or reshaped

    def take(self) -> list[str] | None:
        """What changed since the last ``take``, sorted: the files, or None when the tree's shape changed."""
        with self._lock:
            paths, reshaped = self._paths, self._reshaped
            self._paths, self._reshaped = set(), False
        return None if reshaped else sorted(paths)


def _engine_inputs(config: Any) -> list[Path]:
    """The files a new configuration would read again: the configuration itself, the theme's overrides, hooks."""
    found = [Path(config.config_file_path)]
    custom = config.theme.custom_dir
    if custom:
        found += [p for p in Path(custom).rglob("*") if p.is_file()]
    found += [Path(module.__file__) for module in (config.hooks or {}).values() if getattr(module, "__file__", None)]
    return found


def _stamp_of(paths: Iterable[Path]) -> dict[str, Stamp]:
    out: dict[str, Stamp] = {}
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            continue
        out[str(path)] = (st.st_mtime_ns, st.st_size)
    return out


@dataclass
class _Built:
    """What the engine worked out in the last whole build, and the stamps it was built from."""

    config: Any
    files: Any
    nav: Any
    env: Any
    inputs: dict[str, Stamp]

    def inputs_changed(self) -> bool:
        return _stamp_of(_engine_inputs(self.config)) != self.inputs


class LiveBuild:
    """One tree of the preview, rebuilt by its changed pages where that gives the pages a whole build gives.

    ``configure`` reads the tree's engine configuration afresh (as the preview configures it). ``build(clean=)``
    returns what it did: ``"whole"`` (the engine's own build, dirty) or ``"pages"`` with how many files."""

    def __init__(self, configure: Callable[[], Any]) -> None:
        self.configure = configure
        self.built: _Built | None = None

    def build(self, changed: list[str] | None, *, clean: bool = False) -> str:
        """Build the tree: by the files of ``changed`` (docs-relative paths) if they are all that changed, else
        whole (``changed`` None, ``clean``, the first build, an input of the engine changed)."""
        built = self.built
        if changed is None or clean or built is None or built.inputs_changed():
            return self._whole()
        _rebuild_files(built, changed)
        return f"pages: {len(changed)}"

    def _whole(self) -> str:
        from mkdocs.commands.build import build

        config = self.configure()
        kept: dict[str, Any] = {}
        config.plugins["atlas/live-state"] = _keeper(kept)
        self.built = None
        build(config, serve_url=config.site_url, dirty=True)
        inputs = _stamp_of(_engine_inputs(config))
        self.built = _Built(config, kept["files"], kept["nav"], kept["env"], inputs)
        return "whole"


def _keeper(kept: dict[str, Any]) -> Any:
    """An engine plugin that keeps the build's files, navigation and environment as the pages are built with them."""
    from mkdocs.plugins import BasePlugin, event_priority

    class Keep(BasePlugin):  # type: ignore[type-arg, no-untyped-call]  # MkDocs' plugin base is untyped
        @event_priority(-100)  # after every other plugin: what the pages are built with
        def on_nav(self, nav: Any, /, *, config: Any, files: Any) -> Any:
            kept.update(nav=nav, files=files)
            return nav

        @event_priority(-100)
        def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
            kept["env"] = env
            return env

    return Keep()


def _rebuild_files(built: _Built, changed: list[str]) -> None:
    """Render again the pages of ``changed`` (docs-relative paths) and copy its other files, as a build would."""
    from mkdocs.commands.build import _build_page, _populate_page
    from mkdocs.structure.files import InclusionLevel

    files, config = built.files, built.config
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for src in changed:
        file = files.get_file_from_path(src)
        if file is None:  # not one the engine builds (excluded from the docs)
            continue
        if file.is_documentation_page():
            _populate_page(file.page, config, files)
            excluded = file.inclusion.is_excluded()
            _build_page(file.page, config, doc_files, built.nav, built.env, excluded=excluded)
        else:
            file.copy_file()
