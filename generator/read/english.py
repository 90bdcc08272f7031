"""The English a translation is made from: its digest, and which fields a translation covers."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from generator.read.model import ProsePage, Provision
from generator.read.translation import TRANSLATED, ProvisionTranslation


def english_of(p: Provision) -> dict[str, Any]:
    """Every English field of ``p`` a translation may carry, as the digest reads them."""
    c = p.compliance
    return {
        "title": p.title,
        "summary": p.summary,
        "text": p.text.body,
        "interpretive_note": p.interpretive_note,
        "affects": p.affects,
        "exposure_rationale": p.exposure.rationale if p.exposure else None,
        "jurisdictions": [[f.code, f.note] for f in p.jurisdictions],
        "analogues": [[a.provision, a.note] for a in p.analogues],
        "compliance": [c.regulatory_landscape, c.contract_implications, c.considerations] if c else None,
        "history": [[h.date.isoformat(), h.summary] for h in p.history],
    }


def english_digest(p: Provision) -> str:
    """The SHA-256 of ``p``'s translatable English: a translation made from other English is stale."""
    flat = json.dumps(english_of(p), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(flat.encode("utf-8")).hexdigest()


def stale_languages(p: Provision) -> tuple[str, ...]:
    """The languages whose translation of ``p`` was made from other English than it has now."""
    if p.translations is None:
        return ()
    digest = english_digest(p)
    return tuple(lang for lang in TRANSLATED if (t := getattr(p.translations, lang)) and t.digest != digest)


def page_digest(page: ProsePage) -> str:
    """The SHA-256 of an English prose page's text (its lines ended by LF, whatever the checkout's): a translation
    made from other text is stale."""
    return hashlib.sha256(page.markdown.replace("\r\n", "\n").encode("utf-8")).hexdigest()


def stale_page_languages(page: ProsePage) -> tuple[str, ...]:
    """The languages whose translation of the prose ``page`` was made from other English than it has now."""
    if page.translations is None:
        return ()
    digest = page_digest(page)
    return tuple(lang for lang in TRANSLATED if (t := getattr(page.translations, lang)) and t.digest != digest)


#: The fields a translation may hold, in the order the coverage page counts them (title, summary first).
FIELDS = (
    "title",
    "summary",
    "text",
    "interpretive_note",
    "affects",
    "exposure_rationale",
    "jurisdictions",
    "analogues",
    "compliance",
    "history",
)


def covered(p: Provision, t: ProvisionTranslation) -> dict[str, bool | None]:
    """Per field: translated (True), English only (False), or nothing to translate (None)."""
    english = english_of(p)
    out: dict[str, bool | None] = {}
    for name in FIELDS:
        has_english = bool(english[name]) and english[name] != [None, None, None]
        if name in ("jurisdictions", "analogues", "history"):
            has_english = any(item[1] for item in english[name])
        translated = bool(getattr(t, name)) or (name == "text" and t.edition is not None)
        out[name] = translated if has_english else None
    return out
