"""Everything a trainee or facilitator reads is Indonesian (issue #20 item 8).

Renders every widget of the app (all six exercises, each with an answer checked) and the
facilitator dashboard on a store holding those answers, collects all the text they show
(widget values, descriptions, options, placeholders, HTML with its ``alt``/``title``
attributes, the labels of every figure) and scans it for the kit's English terms and for
code identifiers (words with an underscore).
"""

import html
import re
from html.parser import HTMLParser

import ipywidgets as widgets
import matplotlib
import pytest

from kinerja_sim._core import i18n

matplotlib.use("Agg")

EXERCISES = (
    "01_perbaiki_indikator",
    "02_nilai_berkas_kasus",
    "03_kenali_bias",
    "04_terapkan_kurva",
    "05_pertanyaan_kebijakan",
    "06_tulis_umpan_balik",
)
#: The kit's English terms (and the like) that must not reach an Indonesian reader. "halo"
#: alone is allowed only as the Indonesian "efek halo" the kit documents (checked apart).
ENGLISH = (
    "leniency",
    "lenient",
    "severity",
    "central tendency",
    "recency",
    "rater",
    "raters",
    "score",
    "scores",
    "case",
    "cases",
    "from",
    "to",
    "truth",
    "true",
    "feedback",
    "trainee",
    "step",
    "selected",
    "choice",
    "demo",
    "example",
    "profile",
    "bias profile",
)
ENGLISH_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b", re.I)
IDENTIFIER_RE = re.compile(r"\b[A-Za-z0-9]+_[A-Za-z0-9_]+\b")
#: Names a facilitator must type or find as they are: the answer store's default location,
#: the export folder and the name of the language toggle's other language.
ALLOWED = {"ekspor_dasbor", "English"}


class _Visible(HTMLParser):
    """The text a browser shows of an HTML fragment (no style or script), with alt and title."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self.hidden += tag in ("style", "script")
        self.parts += [value for name, value in attrs if name in ("alt", "title") and value]

    def handle_endtag(self, tag):
        self.hidden -= tag in ("style", "script")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible(text: str) -> str:
    if "<" not in text:
        return html.unescape(text)
    parser = _Visible()
    parser.feed(text)
    return " ".join(parser.parts)


def widget_texts(widget, out=None, where="") -> list[tuple[str, str]]:
    """Every text a widget tree shows: (where, text)."""
    out = [] if out is None else out
    if not isinstance(widget, widgets.Widget):
        return out
    name = f"{where}/{type(widget).__name__}"
    choosing = hasattr(widget, "options")
    for attr in ("value", "description", "placeholder", "tooltip"):
        value = getattr(widget, attr, None)
        if isinstance(value, str) and value and not (attr == "value" and choosing):
            out.append((f"{name}.{attr}", visible(value)))
    for label in getattr(widget, "_options_labels", ()) or ():
        out.append((f"{name}.option", label))
    for title in getattr(widget, "titles", ()) or ():
        if title:
            out.append((f"{name}.title", title))
    for child in getattr(widget, "children", ()) or ():
        widget_texts(child, out, name)
    return out


def figure_texts(figure, where) -> list[tuple[str, str]]:
    from matplotlib.text import Text

    return [(where, t.get_text()) for t in figure.findobj(Text) if t.get_text().strip()]


def offences(texts) -> list[str]:
    found = []
    for where, text in texts:
        words = [m.group(0) for m in ENGLISH_RE.finditer(text)]
        words += [m.group(0) for m in IDENTIFIER_RE.finditer(text) if m.group(0) not in ALLOWED]
        words += [
            m.group(0)
            for m in re.finditer(r"\bhalo\b", text, re.I)
            if not re.search(r"efek\s+halo\b", text[max(0, m.start() - 6) : m.end()], re.I)
        ]
        found += [f"{where}: {word!r} in {text[:160]!r}" for word in words]
    return found


def _answer_everything(app):
    """Open all six exercises and check one answer (or more) in each."""
    opened = {exercise: app.open(exercise) for exercise in EXERCISES}
    w = opened["01_perbaiki_indikator"]
    item_id = w.items[0].item_id
    w.fields[item_id][1].value = "Jumlah akta kelahiran yang diterbitkan"
    w.fields[item_id][2].value = "1200 dokumen per tahun"
    w.check(item_id)
    w = opened["02_nilai_berkas_kasus"]
    for case in w.items:  # the trainee who rates everything 4-5
        w.choice.value = case.item_id
        for number, box in enumerate(w.inputs.values()):
            box.value = "4,5" if number % 2 else "4"
        w.check(case.item_id)
    w = opened["03_kenali_bias"]
    for item_id, (_item, choice) in w.choices.items():
        choice.value = "central_tendency"
        w.check(item_id)
    w = opened["04_terapkan_kurva"]
    for employee_id in list(w.boxes)[:2]:
        w.boxes[employee_id].value = True
    w.check()
    w = opened["05_pertanyaan_kebijakan"]
    for item_id, (_item, choice) in w.choices.items():
        choice.value = "naik"
        w.check(item_id)
    w = opened["06_tulis_umpan_balik"]
    item_id, (_item, text) = next(iter(w.texts.items()))
    text.value = (
        "Pada triwulan 3 ada keluhan warga tentang berkas yang terlambat. Dampaknya warga "
        "menunggu lebih lama. Langkah berikut: kita bahas jadwal layanan minggu depan."
    )
    w.check(item_id)
    return opened


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from kinerja_sim.training.progress import ProgressStore
    from kinerja_sim.ui.app import workshop_app
    from kinerja_sim.ui.dashboard import Dashboard
    from kinerja_sim.ui.exercises import pattern_figure

    i18n.set_language("id")
    store = ProgressStore(tmp_path_factory.mktemp("bahasa") / "p.sqlite")
    app = workshop_app(store=store)
    app.login.start("Siti Rahma")
    menu = widget_texts(app.widget, where="menu")
    opened = _answer_everything(app)
    texts = list(menu)
    for exercise, widget in opened.items():
        texts += widget_texts(app.open(exercise).body, where=exercise)
        texts += widget_texts(app.stage, where=f"{exercise}/page")
    for item in opened["03_kenali_bias"].items:
        texts += figure_texts(pattern_figure(item), "03_kenali_bias/figure")
    dashboard = Dashboard(store.path)
    board = widget_texts(dashboard.widget, where="dasbor")
    shown = []
    dashboard._draw(shown.append)
    for obj in shown:
        if hasattr(obj, "findobj"):
            board += figure_texts(obj, "dasbor/figure")
        else:
            board += widget_texts(obj, where="dasbor/table")
    return texts, board, store


def test_every_exercise_was_rendered_with_its_feedback(rendered):
    texts, _, store = rendered
    assert set(store.answers()["exercise"]) == set(EXERCISES)
    places = {where.split("/")[0] for where, _ in texts}
    assert set(EXERCISES) <= places
    assert sum("✔" in text or "✎" in text for _, text in texts) >= 6  # feedback is scanned too


def test_the_app_shows_no_english_term_and_no_code_name(rendered):
    texts, _, _ = rendered
    assert offences(texts) == []


def test_the_dashboard_shows_no_english_term_and_no_code_name(rendered):
    _, board, _ = rendered
    joined = " ".join(text for _, text in board)
    assert "Latihan 6: menulis umpan balik" in joined and "Predikat awal" in joined
    assert offences(board) == []


def test_the_dashboard_has_no_demo_below_the_real_one(rendered):
    _, board, _ = rendered
    assert not any("Contoh 0" in text or "CONTOH" in text for _, text in board)


def test_the_scanner_finds_what_it_looks_for():
    planted = [
        ("x", "murah hati (leniency)"),
        ("x", "Profil penilai ini (rater_profile)"),
        ("x", "halo 0,3"),
        ("x", "kolom from dan to"),
    ]
    assert len(offences(planted)) == 5
    assert offences([("x", "efek halo terlihat"), ("x", "Ekspor ke ekspor_dasbor")]) == []


def test_the_app_texts_say_no_notebook_instruction(rendered):
    texts, board, _ = rendered
    for _, text in texts + board:
        assert not re.search(r"Jalankan semua sel|Run All|Cara memakai", text), text


#: The catalogue's families of what the exercises 03-05, the lessons, the profile and the
#: dashboard say (texts a single rendering may not reach: every feedback variant).
FAMILIES = (
    "exercises.bias.",
    "exercises.curve.",
    "exercises.policy.",
    "metrics.profile.",
    "metrics.reference.",
    "profile.",
    "ui.03_",
    "ui.04_",
    "ui.05_",
    "ui.dashboard.",
    "ui.column.",
    "ui.answer.",
    "ui.exercise_name.",
    "lessons.",
)


def test_every_indonesian_text_of_these_screens_is_free_of_english_and_code_names():
    from kinerja_sim._core.i18n import catalogue

    texts = [(key, value["id"]) for key, value in catalogue().items() if key.startswith(FAMILIES)]
    texts = [(key, re.sub(r"\{[a-z_]+\}", "", text)) for key, text in texts]
    assert len(texts) > 100
    assert offences(texts) == []
