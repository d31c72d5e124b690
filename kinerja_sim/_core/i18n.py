"""The message catalogue: every trainee-facing string, in Bahasa Indonesia and English.

Messages live in YAML files under ``kinerja_sim/data/messages/`` (one file per area, all
merged into one catalogue). Each key maps to ``{id: ..., en: ...}``; text may hold
``str.format`` fields. Bahasa Indonesia is the default; choose English with
``set_language("en")`` or the environment variable ``KINERJA_SIM_LANG=en``.

Examples
--------
>>> from kinerja_sim._core.i18n import t
>>> t("common.fix_input", lang="id", field="target")
'Periksa isian "target".'
>>> t("common.fix_input", lang="en", field="target")
'Check the field "target".'
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources

from kinerja_sim._core.data import safe_load

__all__ = ["LANGUAGES", "catalogue", "get_language", "set_language", "t"]

LANGUAGES = ("id", "en")
_state = {"lang": None}


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """All messages, merged from every file in the package's ``data/messages`` folder."""
    merged: dict[str, dict[str, str]] = {}
    folder = resources.files("kinerja_sim") / "data" / "messages"
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".yaml"):
            continue
        messages = safe_load(entry.read_text(encoding="utf-8")) or {}
        for key, texts in messages.items():
            if key in merged:
                raise ValueError(f"message key {key!r} is defined twice (again in {entry.name})")
            missing = [lang for lang in LANGUAGES if lang not in (texts or {})]
            if missing:
                raise ValueError(
                    f"message {key!r} in {entry.name} has no text for {', '.join(missing)}"
                )
            merged[key] = texts
    return merged


def get_language() -> str:
    lang = _state["lang"] or os.environ.get("KINERJA_SIM_LANG", "id")
    return lang if lang in LANGUAGES else "id"


def set_language(lang: str) -> None:
    """Choose the language of every later message: ``"id"`` (default) or ``"en"``."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    _state["lang"] = lang


def t(key: str, lang: str | None = None, **fields) -> str:
    """The message ``key`` in ``lang`` (default: the current language), formatted with
    ``fields``.
    """
    texts = catalogue().get(key)
    if texts is None:
        raise KeyError(f"no message {key!r} in the catalogue")
    return texts[lang or get_language()].format(**fields)
