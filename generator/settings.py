"""The generator's own settings, and SOURCE_DATE_EPOCH.

Settings live beside the look and feel, in the project's ``mkdocs.yml``:

```yaml
site_url: https://atlas.example.org/   # optional: makes feed, data and embed links absolute
repo_url: https://github.com/org/repo  # with edit_uri: "Edit this record" links
edit_uri: edit/main/
extra:
  atlas:
    review_max_age_days: 180           # a record older than this is "review due"
```

Only the keys in :data:`SETTINGS` are read (docs/settings.md describes each), as
plain YAML (engine-specific tags such as ``!!python/name:`` are ignored, not
executed). Without ``site_url`` every link the generator writes into feeds, data
files, redirect pages and embeds is relative.

``SOURCE_DATE_EPOCH`` is read here (:func:`epoch`) and pinned for the engine
(:func:`pinned_epoch`); the build date itself is decided in
:mod:`generator.relate.dating`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

DEFAULT_REVIEW_MAX_AGE_DAYS = 180

#: Every key of the engine config the generator reads, with what it does: the one list of
#: settings. ``settings_from`` refuses any other key under ``extra.atlas``, and
#: tests/test_docs.py checks that docs/settings.md documents each key.
SETTINGS: Final[Mapping[str, str]] = {
    "site_url": "the hosted site's address; links in feeds, open data, redirect pages and embeds become absolute",
    "repo_url": "where the repository is hosted; with edit_uri, pages link to their record's file",
    "edit_uri": "the path below repo_url that opens a file for editing, e.g. edit/main/",
    "extra.atlas.review_max_age_days": "a record last reviewed more than this many days ago is review due",
    "extra.atlas.languages": "the trees to build: [en, ja] (the default) or [en] alone (English first, always)",
}
_ATLAS = "extra.atlas."
#: The keys allowed under ``extra.atlas``.
ATLAS_SETTINGS: Final = tuple(key.removeprefix(_ATLAS) for key in SETTINGS if key.startswith(_ATLAS))


class SettingsError(ValueError):
    """A setting in mkdocs.yml has the wrong shape; the message says which and why."""


@dataclass(frozen=True, slots=True)
class AtlasSettings:
    #: a record whose ``last_reviewed`` is more than this many days before today is "review due"
    review_max_age_days: int = DEFAULT_REVIEW_MAX_AGE_DAYS
    #: the hosted site's address, ending in "/", or "" (links stay relative)
    site_url: str = ""
    #: where "Edit this record" links point: the engine config's ``repo_url`` + ``edit_uri``, or ""
    edit_base: str = ""
    #: the language trees a build makes, English first (decision 0010)
    languages: tuple[str, ...] = ("en", "ja")

    def absolute(self, path: str) -> str:
        """``path`` (relative to the site root) as an absolute URL, or "" without a site_url."""
        if not self.site_url:
            return ""
        return self.site_url.rstrip("/") + "/" + path


def _read_yaml(path: Path) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor

    class _Lenient(SafeConstructor):
        """Safe loading that turns engine-specific tags into None instead of failing."""

    _Lenient.add_multi_constructor("", lambda _loader, _suffix, _node: None)
    yaml = YAML(typ="safe", pure=True)
    yaml.Constructor = _Lenient
    return yaml.load(path.read_text(encoding="utf-8"))


def settings_from(config: Mapping[str, Any], where: str = "mkdocs.yml") -> AtlasSettings:
    """Settings from an already parsed engine configuration."""
    extra = config.get("extra") or {}
    atlas = extra.get("atlas") if isinstance(extra, Mapping) else None
    atlas = atlas or {}
    if not isinstance(atlas, Mapping):
        raise SettingsError(f"{where}: extra.atlas must be a mapping")
    unknown = sorted(set(atlas) - set(ATLAS_SETTINGS))
    if unknown:
        known = ", ".join(ATLAS_SETTINGS)
        raise SettingsError(f"{where}: unknown setting extra.atlas.{unknown[0]} (known: {known})")
    age = atlas.get("review_max_age_days", DEFAULT_REVIEW_MAX_AGE_DAYS)
    if isinstance(age, bool) or not isinstance(age, int) or age < 1:
        raise SettingsError(f"{where}: extra.atlas.review_max_age_days must be a whole number of days above 0")
    site_url = config.get("site_url") or ""
    if not isinstance(site_url, str) or (site_url and not site_url.startswith(("https://", "http://"))):
        raise SettingsError(f"{where}: site_url must be an absolute http(s) URL")
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    repo = str(config.get("repo_url") or "").rstrip("/")
    edit_uri = str(config.get("edit_uri") or "").strip("/")
    edit_base = f"{repo}/{edit_uri}/" if repo and edit_uri else ""
    languages = atlas.get("languages", ["en", "ja"])
    if not isinstance(languages, list) or not languages or languages[0] != "en" or not set(languages) <= {"en", "ja"}:
        raise SettingsError(f"{where}: extra.atlas.languages must be [en, ja] or [en]")
    return AtlasSettings(
        review_max_age_days=age, site_url=site_url, edit_base=edit_base, languages=tuple(dict.fromkeys(languages))
    )


def load_settings(config_file: Path) -> AtlasSettings:
    """The settings in ``config_file`` (the defaults if the file does not exist)."""
    if not config_file.is_file():
        return AtlasSettings()
    data = _read_yaml(config_file)
    return settings_from(data if isinstance(data, Mapping) else {}, config_file.name)


def epoch(environ: Mapping[str, str] | None = None) -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC time, or None when unset; SettingsError when it is not a time."""
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise SettingsError(f"SOURCE_DATE_EPOCH must be a whole number of seconds, not {raw!r}") from exc


@contextmanager
def pinned_epoch(seconds: int) -> Iterator[None]:
    """Set ``SOURCE_DATE_EPOCH`` for the duration (what the engine dates its output by), then restore it."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(seconds)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
