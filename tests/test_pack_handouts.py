"""The day on paper (#23 item 4): every handout is written, read back and says what its source
says.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from test_pack_pdf import flat, pdf_pages, pdf_text

from kinerja_sim import rules
from kinerja_sim._core.data import data_path
from kinerja_sim.cli import main
from kinerja_sim.pack import handouts
from kinerja_sim.rules import ORGANISATION_PREDICATES, RATINGS
from kinerja_sim.training.exercises import scoring
from kinerja_sim.world.dimensions import DIMENSION_LABELS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bahan")
    return {path.name: path for path in handouts.write_handouts(folder)}


def _guide_agenda() -> list[tuple[str, str, str]]:
    """The rows of the facilitator's guide's "Jadwal satu hari" table: time, notebook, activity."""
    text = (ROOT / "notebooks" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Jadwal satu hari", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.match(r"\d\d\.\d\d", cells[0]):
            notebook = cells[1].replace("`", "").strip()
            rows.append((cells[0], "" if notebook in ("", "—") else notebook, cells[2]))
    return rows


def test_the_agenda_is_the_facilitators_guide_timetable():
    guide = _guide_agenda()
    assert len(guide) >= 10
    shipped = [tuple(row) for row in handouts.agenda().itertuples(index=False)]
    assert shipped == guide


def test_the_agenda_handout_prints_every_time_and_activity(written):
    text = flat(pdf_text(written["01_jadwal.pdf"]))
    for row in handouts.agenda().itertuples():
        assert row.time in text and flat(row.activity) in text


def test_the_matrix_handout_prints_the_rule_sets_matrix_and_curve(written):
    text = flat(pdf_text(written["02_matriks_dan_kurva.pdf"]))
    rule_set = rules.load("permenpanrb-6-2022")
    assert "Keyakinan TINGGI" in text and "Keyakinan SEDANG" in text
    for row in RATINGS:
        cells = " ".join(rule_set.matrix[RATINGS.index(row)][RATINGS.index(c)] for c in RATINGS)
        assert f"{row} {cells}" in text
    for organisation in ORGANISATION_PREDICATES:
        assert organisation in text
    assert "paling banyak 70% Sangat Baik" in text
    assert "≤ Baik 3 7 14 21" in text  # Baik: at most floor(0.7 n) Baik in teams of 5-30


def test_the_curve_table_follows_a_changed_rule_file(tmp_path):
    spec = yaml.safe_load(
        data_path("permenpanrb-6-2022.yaml", package="kinerja_sim.rules").read_text()
    )
    spec["name"] = "uji-kurva"
    spec["curve"]["organisations"]["Baik"][0]["max"] = 0.6
    file = tmp_path / "uji.yaml"
    file.write_text(yaml.safe_dump(spec, allow_unicode=True))
    path = handouts.rules_pdf(str(file)).save(tmp_path / "kurva.pdf")
    text = flat(pdf_text(path))
    assert "paling banyak 60% Baik" in text and "≤ Baik 3 6 12 18" in text


def test_the_berakhlak_guide_prints_all_21_guides(written):
    text = flat(pdf_text(written["03_panduan_berakhlak.pdf"]))
    guides = pd.read_csv(data_path("berakhlak.csv"))
    assert len(guides) == 21
    for row in guides.itertuples():
        assert row.nilai in text and f"{row.urutan}. {flat(row.panduan_perilaku)}" in text


def test_each_shared_case_has_its_file_and_an_answer_sheet(written):
    cases = scoring.make_cases(rng=0, own=0)
    assert sorted(n for n in written if n.startswith("kasus_")) == sorted(
        f"kasus_{case.item_id}.pdf" for case in cases.cases
    )
    for case in cases.cases:
        pages = pdf_pages(written[f"kasus_{case.item_id}.pdf"])
        text = flat("\n".join(pages))
        person = (
            cases.dataset(case.item_id).employees.set_index("employee_id").loc[case.employee_id]
        )
        assert f"Berkas kasus: {person['name']}" in text and person["nip"] in text
        indicators = cases.dataset(case.item_id).indicators
        for iki in indicators.loc[indicators["employee_id"] == case.employee_id, "iki"]:
            assert flat(iki) in text
        sheet = flat(pages[-1])
        assert "Lembar jawaban penilaian" in sheet and f"Kasus: {case.item_id}" in sheet
        assert "Nama peserta" in sheet and "Kode pribadi" in sheet
        for label in DIMENSION_LABELS.values():
            assert label in sheet


def test_a_case_file_shows_no_truth(written):
    cases = scoring.make_cases(rng=0, own=0)
    case = cases.cases[0]
    text = flat(pdf_text(written[f"kasus_{case.item_id}.pdf"]))
    assert "true_" not in text and "kebenaran" not in text.lower()


def test_another_workshop_code_gives_other_shared_cases(tmp_path, monkeypatch, written):
    before = {name for name in written if name.startswith("kasus_")}
    monkeypatch.setenv("KINERJA_SIM_WORKSHOP", "bkpsdm-uji-lain")
    ids = {case.item_id for case in scoring.make_cases(rng=0, own=0).cases}
    assert main(["handouts", "--out", str(tmp_path)]) == 0
    after = {p.name for p in tmp_path.glob("kasus_*.pdf")}
    assert after == {f"kasus_{i}.pdf" for i in ids} and not after & before
