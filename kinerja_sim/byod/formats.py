"""Format presets and user mappings: which column of an export means which field, and how to read
its values.

A *preset* (``kinerja_sim/data/formats/*.yaml``) describes the shape of one real system's export:
its headers (``columns``: field -> headers, in order of preference), the meaning of its coded
values (``values``: field -> raw value -> label; e.g. SIASN's ``1`` = Di Atas Ekspektasi), its
rule regime and where the shape comes from (``sources``). The general mapping
``data/column_mapping.yaml`` is the preset ``umum``.

A *mapping* is the user's own: a YAML file (``kinerja-sim import --map peta.yaml``) or a dict
(``read_appraisals(..., columns=...)``) of the form::

    columns:                       # header in your file -> field
      No. Induk: nip
      Nilai Kerja: rating_hasil_kerja
    values:                        # optional: raw value -> label, per field
      rating_hasil_kerja: {A: Di Atas Ekspektasi, B: Sesuai Ekspektasi, C: Di Bawah Ekspektasi}
    regime: permenpanrb-6-2022     # optional

(a plain ``{"header": "field"}`` dict is read as ``columns``). A mapping always wins: a header
it maps is read as it says, and a field it maps is never taken from a guessed header.

:func:`detect` chooses the preset whose own headers match the file best (``--format`` forces
one) and says, for every column, how it was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from kinerja_sim._core.data import data_path, safe_load
from kinerja_sim._core.i18n import t
from kinerja_sim.byod.schema import FIELDS, RATING_FIELDS, column_mapping, display, header_key

__all__ = ["GENERAL", "Mapping", "Match", "Preset", "detect", "load_mapping", "presets"]

GENERAL = "umum"


@dataclass(frozen=True)
class Preset:
    """One export shape: ``name``, ``title``, ``regime``, ``columns``, ``values``, ``sources``."""

    name: str
    title: str
    regime: str = "permenpanrb-6-2022"
    columns: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    sources: tuple = ()
    confidence: str = "ASSUMPTION"
    note: str = ""


@dataclass(frozen=True)
class Mapping:
    """A user's mapping: ``columns`` (header -> field), ``values`` (field -> raw -> label),
    ``regime``.
    """

    columns: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    regime: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.columns or self.values or self.regime)

    def to_yaml(self) -> str:
        """The mapping as YAML text, to be saved and passed again with ``--map``."""
        body = {"columns": dict(self.columns)}
        if self.values:
            body["values"] = {name: dict(v) for name, v in self.values.items()}
        if self.regime:
            body["regime"] = self.regime
        return yaml.safe_dump(body, allow_unicode=True, sort_keys=False)


@dataclass
class Match:
    """How a header row is read: the preset, field -> column position, and how each column was
    found.
    """

    preset: Preset
    found: dict  # field -> position in the header row
    via: dict  # field -> "peta" (mapping), "preset" or "umum"
    notices: list
    unused: list
    score: tuple = (0, 0)


def _header_key(text) -> str:
    return header_key(text)


@cache
def presets() -> dict[str, Preset]:
    """Every preset by name: ``umum`` (the general mapping) first, then ``data/formats/*.yaml``.

    Examples
    --------
    >>> sorted(presets())[:3]
    ['ekinerja-daerah', 'hasil-saja', 'pp46-nilai']
    >>> presets()["siasn-skp22"].values["rating_hasil_kerja"]["1"]
    'Di Atas Ekspektasi'
    """
    general = column_mapping()
    found = {
        GENERAL: Preset(
            GENERAL,
            "Pemetaan umum kinerja-sim (data/column_mapping.yaml)",
            columns={name: tuple(spec["headers"]) for name, spec in general["fields"].items()},
            confidence="ASSUMPTION",
        )
    }
    folder = data_path("formats")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        spec = safe_load(entry.read_text(encoding="utf-8"))
        found[spec["name"]] = Preset(
            spec["name"],
            spec["title"],
            spec.get("regime", "permenpanrb-6-2022"),
            {name: tuple(headers) for name, headers in spec.get("columns", {}).items()},
            {
                name: {str(k): str(v) for k, v in values.items()}
                for name, values in (spec.get("values") or {}).items()
            },
            tuple(spec.get("sources", ())),
            spec.get("confidence", "ASSUMPTION"),
            spec.get("note", ""),
        )
    return found


def load_mapping(mapping, lang=None) -> Mapping:
    """A :class:`Mapping` from a YAML file path, a dict (``{"columns": ..., "values": ...}`` or
    ``{"header": "field"}``), a Mapping, or None (empty).

    Raises
    ------
    FileNotFoundError, ValueError
        A missing or unreadable file; a field that does not exist (the message lists them).

    Examples
    --------
    >>> load_mapping({"No Induk": "nip"}).columns
    {'No Induk': 'nip'}
    """
    if mapping is None:
        return Mapping()
    if isinstance(mapping, Mapping):
        body = {"columns": mapping.columns, "values": mapping.values, "regime": mapping.regime}
    elif isinstance(mapping, (str, Path)):
        path = Path(mapping).expanduser()
        if not path.is_file():
            raise FileNotFoundError(t("byod.map.missing", lang, name=path.name))
        try:
            body = safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise ValueError(
                t("byod.map.unreadable", lang, name=path.name, problem=type(error).__name__)
            ) from None
        if not isinstance(body, dict):
            raise ValueError(
                t("byod.map.unreadable", lang, name=path.name, problem=type(body).__name__)
            )
    elif isinstance(mapping, dict):
        body = mapping
    else:
        raise TypeError(t("byod.map.type", lang, kind=type(mapping).__name__))
    if not ({"columns", "values", "regime"} & set(body)):
        body = {"columns": body}
    columns = {str(header): str(name) for header, name in (body.get("columns") or {}).items()}
    values = {
        str(name): {str(k): str(v) for k, v in (raw or {}).items()}
        for name, raw in (body.get("values") or {}).items()
    }
    for header, name in columns.items():
        if name not in FIELDS:
            raise ValueError(
                t(
                    "byod.bad_columns_argument",
                    lang,
                    header=header,
                    field=name,
                    fields=", ".join(FIELDS),
                )
            )
    for name in values:
        if name not in FIELDS:
            raise ValueError(
                t(
                    "byod.bad_columns_argument",
                    lang,
                    header="values",
                    field=name,
                    fields=", ".join(FIELDS),
                )
            )
    regime = body.get("regime")
    if regime is not None and regime not in ("permenpanrb-6-2022", "pp-46-2011"):
        raise ValueError(t("byod.map.regime", lang, regime=regime))
    return Mapping(columns, values, regime)


def _lookup(preset: Preset) -> dict[str, str]:
    """Header key -> field: the preset's own headers first, then the general ones."""
    lookup = {}
    for source in (preset, presets()[GENERAL]):
        for name, headers in source.columns.items():
            for header in headers:
                lookup.setdefault(_header_key(header), name)
    return lookup


def _match(headers, preset: Preset, mapping: Mapping, lang) -> Match:
    own = {_header_key(h): name for name, hs in preset.columns.items() for h in hs}
    general = {_header_key(h) for hs in presets()[GENERAL].columns.values() for h in hs}
    mapped = {_header_key(h): name for h, name in mapping.columns.items()}
    lookup = _lookup(preset)
    rank = {name: [_header_key(h) for h in hs] for name, hs in preset.columns.items()}
    found, via, notices, unused, candidates = {}, {}, [], [], {}
    for position, header in enumerate(headers):
        key = _header_key(header)
        if key in mapped:
            name = mapped[key]
            if name in found and via[name] == "peta":
                notices.append(
                    t(
                        "byod.notice.duplicate_header",
                        lang,
                        kept=headers[found[name]],
                        other=header,
                        field=display(name),
                    )
                )
                continue
            found[name], via[name] = position, "peta"
            continue
        name = lookup.get(key)
        if name is None:
            if header:
                unused.append(header)
            continue
        candidates.setdefault(name, []).append((position, key))
    for name, options in candidates.items():
        if name in found:  # the mapping wins over any guess
            unused += [headers[p] for p, _ in options]
            continue
        order = rank.get(name, [])
        options.sort(
            key=lambda item: order.index(item[1]) if item[1] in order else len(order) + item[0]
        )
        found[name], via[name] = (
            options[0][0],
            ("preset" if options[0][1] in own and preset.name != GENERAL else GENERAL),
        )
        for position, _ in options[1:]:
            notices.append(
                t(
                    "byod.notice.duplicate_header",
                    lang,
                    kept=headers[options[0][0]],
                    other=headers[position],
                    field=display(name),
                )
            )
    specific = sum(1 for h in headers if _header_key(h) in own and _header_key(h) not in general)
    score = (
        int(_usable(found)),
        len(mapped.keys() & {_header_key(h) for h in headers}),
        specific,
        sum(1 for h in headers if _header_key(h) in own),
        len(found),
    )
    return Match(preset, found, via, notices, unused, score)


def _usable(found) -> bool:
    return "nip" in found and any(name in found for name in RATING_FIELDS)


def detect(headers, mapping: Mapping | None = None, force: str | None = None, lang=None) -> Match:
    """How to read a header row: the best preset (or ``force``), with the mapping applied first.

    The preset chosen is the one with the most headers of its own that the general mapping
    does not know (then the most of its headers at all); ``umum`` when none stands out.

    Examples
    --------
    >>> match = detect(["nipBaru", "hasilKinerjaNilai", "PerilakuKerjaNilai", "tahun"])
    >>> match.preset.name, sorted(match.found)
    ('siasn-skp22', ['nip', 'rating_hasil_kerja', 'rating_perilaku_kerja', 'tahun'])
    """
    mapping = mapping or Mapping()
    if force is not None:
        if force not in presets():
            raise ValueError(t("byod.format_name", lang, name=force, names=", ".join(presets())))
        return _match(headers, presets()[force], mapping, lang)
    matches = [_match(headers, preset, mapping, lang) for preset in presets().values()]
    return max(matches, key=lambda m: m.score)  # ties keep the first: "umum"
