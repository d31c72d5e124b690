"""Reading rule sets: a built-in name or a YAML file, checked, as a :class:`RuleSet`.

The package ``kinerja_sim.rules`` re-exports these functions; modules inside the package
(``compare``) import them from here, so the package and its modules import one way.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from kinerja_sim._core.data import parse_yaml, read_text
from kinerja_sim._core.i18n import t
from kinerja_sim.rules._common import RuleSet
from kinerja_sim.rules._schema import REGIMES, validate
from kinerja_sim.rules.permenpanrb import PermenPANRB2022
from kinerja_sim.rules.pp30 import PP30_2019
from kinerja_sim.rules.pp46 import PP46_2011

__all__ = ["available", "from_mapping", "load", "read_spec"]

_CLASSES = {"permenpanrb-6-2022": PermenPANRB2022, "pp-30-2019": PP30_2019, "pp-46-2011": PP46_2011}


def available() -> tuple[str, ...]:
    """Names of the built-in rule sets."""
    return REGIMES


def read_spec(name_or_path) -> dict:
    """The description of a built-in rule set (by name) or of a YAML file (by path), unchecked.

    Raises
    ------
    ValueError
        When the file is not UTF-8 text (UTF-16 or UTF-32, another encoding, binary data)
        or not YAML: one line naming the file and the problem, in the catalogue's
        language. OSError when it cannot be read.
    """
    if isinstance(name_or_path, str) and name_or_path in REGIMES:
        text = read_text(f"{name_or_path}.yaml", package="kinerja_sim.rules")
        source = name_or_path
    else:
        path = Path(name_or_path)
        if not path.is_file():
            known = ", ".join(REGIMES)
            raise FileNotFoundError(t("cli.no_rule_file", name=name_or_path, known=known))
        text, source = _read_text(path), str(path)
    return parse_yaml(text, source=source)


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _read_text(path: Path) -> str:
    """The file as UTF-8 text (a byte order mark allowed), or one line naming the file and the
    problem.
    """
    data = path.read_bytes()
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    head = data[:4096]
    if (
        encoding is None
        and head.count(0)
        and head.count(0) >= len(head) // 3
        and (
            head[0::2].count(0) > 0.9 * len(head[0::2])
            or head[1::2].count(0) > 0.9 * len(head[1::2])
        )
    ):
        encoding = "UTF-16"  # UTF-16 without a byte order mark: every other byte of plain text is 0
    if encoding:
        raise ValueError(t("rules.read.other_encoding", path=path, encoding=encoding))
    if 0 in head:
        raise ValueError(t("rules.read.binary", path=path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in head) / max(len(head), 1)
        if printable < 0.7:
            raise ValueError(t("rules.read.binary", path=path)) from None
        line = data[: error.start].count(b"\n") + 1
        raise ValueError(
            t("rules.read.not_utf8", path=path, byte=f"0x{data[error.start]:02x}", line=line)
        ) from None


def from_mapping(spec) -> RuleSet:
    """Build a rule set from a description (a mapping as read from YAML), after validation."""
    problems = validate(spec)
    if problems:
        raise ValueError("invalid rule set:\n" + "\n".join(problems))
    return _CLASSES[spec["regime"]](spec)


def load(name_or_path) -> RuleSet:
    """A rule set by built-in name (``permenpanrb-6-2022``, ``pp-30-2019``, ``pp-46-2011``) or YAML
    path.

    Raises
    ------
    ValueError
        Listing every problem of an invalid file, one per line, each naming the field and
        what was expected.
    """
    spec = read_spec(name_or_path)
    try:
        return from_mapping(spec)
    except ValueError as error:
        raise ValueError(f"{name_or_path}: {error}") from None
