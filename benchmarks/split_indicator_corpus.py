"""Split the collected real indicators into a training corpus and a held-out fifth (run once).

The held-out fifth is drawn per stratum (office kind x label), so every office kind and both
labels appear in it in proportion. It was written and committed before the checker's rules
were changed (issue #11); re-running this script with the same input and seed reproduces it.

Usage::

    python benchmarks/split_indicator_corpus.py COLLECTED.yaml OUT_DIR [--seed 11]

COLLECTED.yaml is the list of entries without ids; it is the union of the two output files
ordered by id (r001, r002, ...) with the ``id`` field removed, so the split can be checked:
re-running on that union with seed 11 writes the same ``heldout.yaml`` (sha256 in commit eecd18e).
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

import numpy as np
import yaml

SOURCES = {
    "bawas": "github.com/jabbar-hafizh/template-frontend-ci3: "
    "application/database/indikator_data.sql (indikator kinerja Badan Pengawasan Mahkamah "
    "Agung RI, target per indikator)",
    "dukcapil": "public GitHub SQL dump of a Disdukcapil performance app (search index file id "
    "39662096011), tables indikator_kinerjas and laporans",
    "renstra63": "public GitHub SQL dump of a Renstra app (search index file id 68603606001), "
    "perangkat daerah 63 (pengelolaan keuangan/pendapatan daerah), tables "
    "renstra_program_indikator and renstra_kegiatan_indikator, target 2026",
    "renstra89": "public GitHub SQL dump of a Renstra app (search index file id 68813456339), "
    "perangkat daerah 89 (keuangan/pendapatan daerah), table renstra_sub_kegiatan_indikator, "
    "target 2026",
    "ppu": "public GitHub SQL dump of a Renja app (search index file id 20473968098), Badan "
    "Perencanaan, Penelitian dan Pengembangan Kabupaten Penajam Paser Utara 2024, tables "
    "renja_kegiatan and renja_program",
    "dlh": "github.com/sitipurmayasari/dlh-perfo: database/perfo.sql (Dinas Lingkungan Hidup "
    "Prov. Kalimantan Selatan), tables zo_indicator, zo_kinerja_skpd with targets of "
    "zo_target*_detail / zo_target_skpd (2022)",
    "karantina": "github.com/205411203/sikepo-old: application/views/tambahan.php (Indikator "
    "Kinerja Tambahan Balai Karantina Pertanian Kelas II Yogyakarta 2020)",
    "pmk_pkm": "http://online.flipbuilder.com/vajnr/eqrv/files/basic-html/page428.html (lampiran "
    "PermenPAN-RB 8/2021, contoh penilaian SKP Kepala Puskesmas)",
    "kemenkes": "https://text-id.123dok.com/document/rz3xw2dez-perjanjian-kinerja-tahun-2017-laporan-kinerja-"
    "kementerian-kesehatan-tahun-2017.html (Perjanjian Kinerja Kementerian Kesehatan 2017)",
    "kemdikbud2011": "https://123dok.com/article/perjanjian-kinerja-bab-perencanaan-dan-perjanjian-kinerja-"
    "kemdikbud.qmjxe5jw (Penetapan Kinerja Kemdikbud 2011)",
    "kemendikbud2020": "https://123dok.com/article/target-kinerja-target-kinerja-dan-"
    "kerangka-pendanaan.zwvpv3rl (Renstra Kemendikbud 2020-2024, tabel 4.1, target 2021)",
    "banten": "https://lumbungdata.bantenprov.go.id/iku-perangkat-daerah (IKU Renstra Dinas "
    "Pendidikan dan Kebudayaan Prov. Banten, target 2025)",
    "polines": "public GitHub seeder of a planning app (search index file id 30807337006), "
    "indikator kegiatan Politeknik Negeri Semarang",
    "kalurahan": "public GitHub SQL seed of a village performance app (search index file id "
    "68523588674), matriks kinerja pamong Kalurahan Janten, tables "
    "performance_items/performance_targets (annual_target)",
}


def split(rows, *, fraction=0.2, seed=11):
    """Indices of the held-out rows: round(fraction * n) per (kind, label) stratum, at least one."""
    rng = np.random.default_rng(seed)
    strata = defaultdict(list)
    for i, row in enumerate(rows):
        strata[(row["kind"], row["label"])].append(i)
    held = []
    for key in sorted(strata):
        members = strata[key]
        k = max(1, int(round(fraction * len(members)))) if len(members) >= 3 else 0
        held += [members[j] for j in rng.choice(len(members), size=k, replace=False)]
    return sorted(held)


def _dump(rows, path: Path, title: str) -> None:
    header = (
        f"# {title}\n# Labelled by the guide docs/panduan_label_indikator.md (issue #11).\n"
        "# Fields: id, iki (as written), target (as written), unit (satuan column, "
        "null when the source\n"
        "# has none), src (key of `sources`), level (organisasi/unit/staf), kind (office kind),\n"
        "# label (terukur/tidak), aspect (for terukur), wrong (codes of the guide), why (reason).\n"
    )
    body = yaml.safe_dump(
        {"sources": SOURCES, "indicators": rows},
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    path.write_text(header + body, encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("collected")
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    rows = yaml.safe_load(Path(args.collected).read_text(encoding="utf-8"))
    rows = [{"id": f"r{i + 1:03d}", **row} for i, row in enumerate(rows)]
    held = set(split(rows, seed=args.seed))
    out = Path(args.out_dir)
    _dump(
        [r for i, r in enumerate(rows) if i in held],
        out / "heldout.yaml",
        "Held-out fifth of the real indicator corpus: never used to tune the checker.",
    )
    _dump(
        [r for i, r in enumerate(rows) if i not in held],
        out / "corpus.yaml",
        "Training part of the real indicator corpus: the checker's rules are tuned on these.",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
