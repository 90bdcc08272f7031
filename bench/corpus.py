"""A deterministic synthetic corpus of any size, shaped like the real one.

``write_corpus(root, provisions=10_000)`` writes a complete site project: 200
platforms, 30 categories in 6 groups (other ``SHAPES``: more platforms, longer texts), 4 jurisdictions with laws, and provisions
with realistic field lengths, jurisdiction flags, analogues and sources. Each
platform's acceptable use policy has an archive of 5 versions of about 50 KB,
and its verbatim and excerpt provisions quote one of them (``text.version``), as
`atlas check` proves. The same arguments always give the same bytes.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

WORDS = [
    "policy",
    "users",
    "content",
    "model",
    "service",
    "generate",
    "prohibited",
    "operators",
    "safety",
    "child",
    "abuse",
    "material",
    "extremism",
    "weapons",
    "privacy",
    "data",
    "consent",
    "deception",
    "election",
    "impersonation",
    "harassment",
    "review",
    "appeal",
    "report",
    "authority",
    "platform",
    "output",
    "training",
    "watermark",
    "provenance",
    "minors",
    "age",
    "advice",
    "medical",
    "legal",
    "financial",
    "security",
    "system",
    "vulnerability",
    "reverse",
    "engineer",
    "extraction",
    "misuse",
    "enforcement",
    "account",
    "terminate",
    "suspend",
    "lawful",
    "jurisdiction",
]
JURISDICTIONS = {
    "US": ["protect-act", "usc-2258a", "coppa", "usc-2339b"],
    "UK": ["protection-of-children-act-1978", "sexual-offences-act-2003", "online-safety-act-2023"],
    "EU": ["directive-2011-93-eu", "eu-ai-act", "digital-services-act", "gdpr"],
    "JP": ["jp-child-pornography-act", "jp-appi"],
}
STATUSES = ("verbatim", "excerpt", "paraphrase", "paraphrase", "paraphrase", "unavailable")
LEVELS = ("high", "medium", "low")
RELATIONS = ("equivalent", "stricter", "looser", "related")


def _words(rng: random.Random, n: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(n))
    return text[0].upper() + text[1:] + "."


def _folded(text: str, indent: str) -> str:
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) > 76:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "".join(f"\n{indent}{ln}" for ln in lines)


#: Archived versions of each platform's acceptable use policy, and the paragraphs of each.
VERSIONS, PARAGRAPHS = 5, 60


def _archive(root: Path, rng: random.Random, platform: str) -> list[tuple[str, list[str]]]:
    """Write the archive of ``platform``'s acceptable use policy; returns (version, paragraphs) oldest first.

    Each version rewrites one paragraph of the one before, so most wording stays
    from the first version to the last and a little goes.
    """
    paragraphs = [_words(rng, 90) for _ in range(PARAGRAPHS)]  # about 50 KB in all
    folder = root / "archive" / platform / "aup"
    folder.mkdir(parents=True)
    out = []
    for v in range(VERSIONS):
        if v:
            paragraphs = list(paragraphs)
            paragraphs[rng.randrange(PARAGRAPHS)] = _words(rng, 90)
        name = f"2025-0{v + 1}-01"
        text = "# Acceptable Use Policy\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"{name}.md").write_text(text)
        digest = hashlib.sha256(text.encode()).hexdigest()
        (folder / f"{name}.yaml").write_text(
            f"source:\n  url: https://archive.example/{platform}/aup/{name}\nrecorded: {name}\n"
            f"url: https://{platform}.example/aup\nlicence: CC0-1.0\nsha256: {digest}\n"
        )
        out.append((name, paragraphs))
    return out


def _quote(rng: random.Random, status: str, versions: list[tuple[str, list[str]]]) -> list[str]:
    """The text lines of a provision quoting one archived version: a verbatim paragraph, or two parts of one."""
    name, paragraphs = rng.choice(versions)
    paragraph = rng.choice(paragraphs).split(" ")
    body = (
        " ".join(paragraph[:40])
        if status == "verbatim"
        else f"{' '.join(paragraph[:20])} … {' '.join(paragraph[50:70])}"
    )
    return [f"  version: {name}", f"  body: >-{_folded(body, '    ')}"]


def _platform(root: Path, rng: random.Random, name: str) -> None:
    (root / "content" / "platforms" / f"{name}.yaml").write_text(
        f"name: Platform {name[-3:]} AI\nhomepage: https://{name}.example\nheadquarters: US\n"
        f"description: >-{_folded(_words(rng, 25), '  ')}\n"
        f"documents:\n- id: aup\n  title: Acceptable Use Policy\n  kind: acceptable-use-policy\n"
        f"  url: https://{name}.example/aup\n- id: terms\n  title: Terms of Service\n  kind: terms-of-service\n"
        f"  url: https://{name}.example/terms\n"
    )


#: The corpus shapes `make bench` measures: the bench's own, and one with many more platforms in each category
#: and texts three times as long, so that no figure depends on one shape (issue 19).
SHAPES: dict[str, dict[str, int]] = {
    "bench": {"platforms": 200, "categories": 30, "length": 1},
    "wide": {"platforms": 600, "categories": 12, "length": 3},
    "tiny": {"platforms": 4, "categories": 3, "length": 1},  # tests/test_bench.py
}


def write_corpus(
    root: Path, provisions: int, platforms: int = 200, categories: int = 30, seed: int = 1, length: int = 1
) -> Path:
    """The corpus; ``length`` multiplies the words of each provision's prose (summary, text, notes)."""
    rng = random.Random(seed)
    repo = Path(__file__).resolve().parent.parent
    if root.exists():
        shutil.rmtree(root)
    (root / "content" / "platforms").mkdir(parents=True)
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(repo / "site_templates", root / "site_templates")
    cats = [f"category-{i:02d}" for i in range(categories)]
    with (root / "content" / "categories.yaml").open("w") as out:
        for i, cat in enumerate(cats):
            out.write(f"- id: {cat}\n  title: Category {i:02d} {rng.choice(WORDS)}\n")
            out.write(f"  description: >-{_folded(_words(rng, 30), '    ')}\n  group: Group {i % 6}\n")
    with (root / "content" / "jurisdictions.yaml").open("w") as out:
        for code, laws in JURISDICTIONS.items():
            out.write(f"- code: {code}\n  name: Jurisdiction {code}\n  laws:\n")
            for law in laws:
                out.write(f"  - id: {law}\n    title: Law {law}\n    citation: Cit. {law}\n")
                out.write(f"    url: https://law.example/{law}\n")
    names = [f"platform-{i:03d}" for i in range(platforms)]
    archives = {name: _archive(root, rng, name) for name in names}
    for name in names:
        _platform(root, rng, name)
    ids = [f"{names[i % platforms]}/provision-{i:05d}" for i in range(provisions)]
    for i, pid in enumerate(ids):
        platform = pid.split("/")[0]
        status = rng.choice(STATUSES)
        document = rng.choice(("aup", "terms"))
        lines = [
            f"title: Provision {i:05d} on {rng.choice(WORDS)} and {rng.choice(WORDS)}",
            f"document: {document}",
            f"categories: [{', '.join(rng.sample(cats, rng.randint(1, 2)))}]",
            f"summary: >-{_folded(_words(rng, 45 * length), '  ')}",
            f"text:\n  status: {status}",
        ]
        if document == "aup" and status in ("verbatim", "excerpt"):
            lines += _quote(rng, status, archives[platform])
        elif status != "unavailable":
            lines.append(f"  body: >-{_folded(_words(rng, 90 * length), '    ')}")
        lines.append(f"interpretive_note: >-{_folded(_words(rng, 45 * length), '  ')}")
        lines.append(f"affects: >-{_folded(_words(rng, 25 * length), '  ')}")
        lines.append(f"exposure:\n  level: {rng.choice(LEVELS)}\n  rationale: >-{_folded(_words(rng, 25), '    ')}")
        lines.append("jurisdictions:")
        for code in rng.sample(sorted(JURISDICTIONS), rng.randint(1, 3)):
            laws = rng.sample(JURISDICTIONS[code], rng.randint(0, 2))
            lines.append(f"- code: {code}\n  laws: [{', '.join(laws)}]\n  note: {_words(rng, 12)}")
        later = range(i + 1, provisions)  # list each pair once, on its earlier provision
        others = [ids[j] for j in rng.sample(later, min(len(later), 3)) if ids[j].split("/")[0] != platform]
        if others and i % 2 == 0:
            lines.append("analogues:")
            for other in others[: rng.randint(1, 3)]:
                lines.append(f"- provision: {other}\n  relation: {rng.choice(RELATIONS)}")
        lines.append(f"sources:\n- url: https://{platform}.example/aup\n  title: Acceptable Use Policy")
        path = root / "provisions" / f"{pid}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n")
    return root


if __name__ == "__main__":
    import sys

    write_corpus(Path(sys.argv[1]), int(sys.argv[2]))
