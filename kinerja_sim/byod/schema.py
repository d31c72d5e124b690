"""The schema of an appraisal export: fields, header and label normalisation, masking.

The fields, their usual headers and the accepted label variants are data, in
``kinerja_sim/data/column_mapping.yaml`` (documented there). Row checks live in
:mod:`kinerja_sim.byod.checks`, export shapes in :mod:`kinerja_sim.byod.formats`.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd

from kinerja_sim._core.data import read_yaml

__all__ = [
    "FIELDS",
    "IDENTIFIERS",
    "PERIOD_FIELDS",
    "PROBLEM_COLUMNS",
    "RATING_FIELDS",
    "REQUIRED",
    "SCORE_FIELDS",
    "column_mapping",
    "display",
    "header_key",
    "label_key",
    "mask",
    "normalise_labels",
]

PROBLEM_COLUMNS = ["row", "column", "field", "kind", "value", "message", "kept"]


@cache
def column_mapping() -> dict:
    """The general mapping of ``data/column_mapping.yaml``.

    Its keys: ``fields``, ``ratings``, ``predicates``, ...
    """
    return read_yaml("column_mapping.yaml")


FIELDS = tuple(column_mapping()["fields"])
REQUIRED = tuple(name for name, spec in column_mapping()["fields"].items() if spec.get("required"))
IDENTIFIERS = tuple(
    name for name, spec in column_mapping()["fields"].items() if spec.get("identifier")
)
#: Fields of which a row needs at least one (besides the NIP).
RATING_FIELDS = tuple(
    name for name, spec in column_mapping()["fields"].items() if spec.get("rating")
)
SCORE_FIELDS = ("nilai_skp", "nilai_perilaku", "nilai_prestasi")
PERIOD_FIELDS = (
    "periode",
    "tahun",
    "jenis_periode",
    "periode_awal",
    "periode_akhir",
    "bulan_awal",
    "bulan_akhir",
)
_DISPLAY = {
    "nip": "NIP",
    "nama": "Nama",
    "unit_kerja": "Unit Kerja",
    "sub_unit_kerja": "Sub Unit Kerja",
    "jabatan": "Jabatan",
    "periode": "Periode",
    "tahun": "Tahun",
    "jenis_periode": "Jenis Periode",
    "periode_awal": "Periode Awal",
    "periode_akhir": "Periode Akhir",
    "bulan_awal": "Bulan Awal",
    "bulan_akhir": "Bulan Akhir",
    "nip_penilai": "NIP Penilai",
    "nama_penilai": "Pejabat Penilai",
    "status_penilai": "Status Penilai",
    "rating_hasil_kerja": "Rating Hasil Kerja",
    "rating_perilaku_kerja": "Rating Perilaku Kerja",
    "predikat": "Predikat Kinerja",
    "predikat_organisasi": "Predikat Organisasi",
    "nilai_skp": "Nilai SKP",
    "nilai_perilaku": "Nilai Perilaku",
    "nilai_prestasi": "Nilai Prestasi Kerja",
}


def header_key(text) -> str:
    """A header as compared: lower case, runs of other characters as one space.

    Examples
    --------
    >>> header_key(" NIP / NI-PPPK "), header_key("hasilKinerjaNilai")
    ('nip ni pppk', 'hasilkinerjanilai')
    """
    return re.sub(r"[^0-9a-z]+", " ", str(text).casefold()).strip()


def label_key(text) -> str:
    """A label as compared: letters only, lower case, without a trailing "ekspektasi" (or
    "ekspetasi").

    Examples
    --------
    >>> label_key("Di  atas-Ekspektasi"), label_key("DIATAS"), label_key("Kurang/Misconduct")
    ('diatas', 'diatas', 'kurangmisconduct')
    >>> label_key("Dibawah Ekspetasi")
    'dibawah'
    """
    key = re.sub(r"[^a-z]+", "", str(text).casefold())
    for suffix in ("ekspektasi", "ekspetasi", "ekpektasi", "expektasi"):
        if key.endswith(suffix) and key != suffix:
            return key.removesuffix(suffix)
    return key


@cache
def _variants(kind: str) -> dict[str, str]:
    return {
        label_key(variant): label
        for label, variants in column_mapping()[kind].items()
        for variant in [label, *variants]
    }


def normalise_labels(values: pd.Series, kind: str) -> pd.Series:
    """Canonical labels (``kind``: "ratings", "predicates", "organisation_predicates" or
    "pp46_categories"); NaN if unknown.

    Examples
    --------
    >>> labels = pd.Series(["diatas", "SESUAI EKSPEKTASI", "luar biasa", "BE"])
    >>> normalise_labels(labels, "ratings").tolist()
    ['Di Atas Ekspektasi', 'Sesuai Ekspektasi', nan, 'Di Bawah Ekspektasi']
    """
    variants = _variants(kind)
    return values.map(lambda value: variants.get(label_key(value), np.nan))


def display(field: str) -> str:
    """The usual header of a field, for messages."""
    return _DISPLAY.get(field, field)


def mask(value) -> str:
    """An identifier as shown in problems: its first two characters and one * per other character.

    Examples
    --------
    >>> mask("199001012015031001")
    '19****************'
    >>> mask("1.98001012005011E+17")
    '1.98E+17'
    """
    text = str(value)
    scientific = re.fullmatch(r"(\d)[.,](\d{1,2})\d*[eE]\+?(\d+)", text)
    if scientific:
        return f"{scientific[1]}.{scientific[2]}E+{scientific[3]}"
    return text[:2] + "*" * max(len(text) - 2, 0)
