"""Notebook helper for a file that matches no format: map its columns with dropdowns, preview, save
as YAML.

:class:`MappingHelper` shows one dropdown per field (NIP, unit, rater, period, ratings, predicate,
PP 46 score), pre-filled with what the kit recognised; for a rating column whose words the kit
does not know (``A``/``B``/``C``, ``1``/``2``/``3``) one dropdown per distinct word. Every
change re-reads the file with the mapping and shows, live, how many rows would be used and
why the others would not. **Simpan peta** writes the mapping as YAML, to pass next time with
``read_appraisals(..., columns="peta.yaml")`` or ``kinerja-sim import --map peta.yaml``.

Privacy: the preview shows only masked cells (two first characters and ``*``); the pseudonyms
of the check run come from a throw-away key; an uploaded file is copied to a private temporary
file and the upload widget is emptied at once, so neither its content nor any identifier stays
in the notebook's saved widget state. Dropdown options are column headers and rating words,
never cell values that look like identifiers (six digits or more are masked).

:func:`one_line_errors` makes a notebook show a bad file, a missing column or an analysis that
does not apply as the same one-line message as the command line, never a traceback.
"""

from __future__ import annotations

import html
import os
import tempfile
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from kinerja_sim._core.i18n import t
from kinerja_sim.byod.files import read_tables
from kinerja_sim.byod.formats import Mapping, detect, load_mapping
from kinerja_sim.byod.pseudonym import new_key
from kinerja_sim.byod.read import NotApplicable, read_appraisals
from kinerja_sim.byod.schema import column_mapping, display, label_key, mask

__all__ = ["FIELDS_SHOWN", "MappingHelper", "one_line_errors"]

#: The fields offered, in order.
FIELDS_SHOWN = (
    "nip",
    "unit_kerja",
    "nip_penilai",
    "nama_penilai",
    "periode",
    "tahun",
    "rating_hasil_kerja",
    "rating_perilaku_kerja",
    "predikat",
    "nilai_prestasi",
)
_LABELS = {
    "rating_hasil_kerja": "ratings",
    "rating_perilaku_kerja": "ratings",
    "predikat": "predicates",
}
_USER_ERRORS = (ValueError, TypeError, KeyError, OSError)
_MAX_WORDS = 8


def one_line_errors(ip=None) -> None:
    """Show user errors (a bad file, a missing column, an analysis that does not apply) as one line.

    Installs an IPython handler for ValueError, TypeError, KeyError, OSError and NameError
    (a later cell after a failed read): the message of the kit, in red, without traceback.
    """
    if ip is None:
        from IPython import get_ipython

        ip = get_ipython()
    if ip is None:
        return

    def handler(shell, kind, value, tb, tb_offset=None):
        from IPython.display import HTML
        from IPython.display import display as show

        text = t("byod.ui.earlier_cell", None) if isinstance(value, NameError) else _message(value)
        show(HTML(f'<p class="kinerja-error" style="color:#b3261e">{html.escape(text)}</p>'))
        return None

    ip.set_custom_exc((*_USER_ERRORS, NameError, NotApplicable), handler)


def _message(error: BaseException) -> str:
    text = str(error.args[0]) if error.args else type(error).__name__
    return text.strip("'\"")


def _shown(value: str, name: str) -> str:
    """A cell as the preview shows it: a rating word as it is, anything else masked."""
    value = str(value)
    if name in _LABELS or name == "nilai_prestasi":
        if len(value) <= 25 and sum(c.isdigit() for c in value) < 6:
            return value
    return mask(value) if value else ""


class MappingHelper:
    """Dropdowns that map the columns of an unknown export, a live count of usable rows, a YAML
    save.

    Parameters
    ----------
    path : str or Path, optional
        The export; or leave it out and use the upload button.
    mapping : dict, str or Mapping, optional
        A mapping to start from (e.g. last year's YAML).
    save_to : str or Path
        Default file for **Simpan peta**.

    Attributes
    ----------
    widget : ipywidgets.VBox
        Display this (class ``kinerja-mapping``).
    mapping : Mapping
        The current mapping (pass it as ``columns=`` to :func:`~kinerja_sim.byod.read_appraisals`).
    used, total : int
        Rows that would be used, data rows of the file.
    """

    def __init__(self, path=None, *, mapping=None, save_to="peta_kolom.yaml"):
        self._path, self._private = None, None
        self._headers, self._sample = [], pd.DataFrame()
        self._key = new_key()  # throw-away: the preview's pseudonyms mean nothing
        self._start = load_mapping(mapping)
        self.used = self.total = 0
        self.message = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.message.add_class("kinerja-mapping-message")
        self.count = widgets.HTML()
        self.count.add_class("kinerja-mapping-count")
        self.preview = widgets.HTML()
        self.preview.add_class("kinerja-mapping-preview")
        self.upload = widgets.FileUpload(
            accept=".csv,.txt,.tsv,.xlsx,.xls,.json",
            multiple=False,
            description=t("byod.ui.upload"),
            layout=widgets.Layout(width="16em"),
        )
        self.upload.observe(self._uploaded, names="value")
        self.dropdowns = {}
        self.words = widgets.VBox()
        self.fields = widgets.VBox()
        self.save_path = widgets.Text(value=str(save_to), description=t("byod.ui.save_path"))
        self.save_button = widgets.Button(description=t("byod.ui.save"), icon="save")
        self.save_button.add_class("kinerja-mapping-save")
        self.save_button.on_click(self._save)
        self.widget = widgets.VBox(
            [
                widgets.HTML(f"<b>{html.escape(t('byod.ui.title'))}</b>"),
                self.upload,
                self.fields,
                self.words,
                self.count,
                self.preview,
                widgets.HBox([self.save_path, self.save_button]),
                self.message,
            ]
        )
        self.widget.add_class("kinerja-mapping")
        if path is not None:
            self.load(path)

    # --- loading ---------------------------------------------------------------------------------
    def _uploaded(self, change) -> None:
        files = change["new"]
        if not files:
            return
        item = files[0]
        suffix = Path(item["name"]).suffix.lower() or ".csv"
        handle, name = tempfile.mkstemp(suffix=suffix, prefix="kinerja-upload-")
        with os.fdopen(handle, "wb") as out:
            out.write(bytes(item["content"]))
        self.upload.value = ()  # the content never stays in the widget state
        self.close()
        self._private = Path(name)
        self.load(self._private, shown_name=item["name"])

    def load(self, path, *, shown_name=None) -> None:
        """Read the headers and a sample of ``path`` and build the dropdowns (errors as one
        line).
        """
        try:
            tables = read_tables(path)
        except _USER_ERRORS as error:
            self._error(_message(error))
            return
        rows = [(number, cells) for number, cells in tables[0].rows if any(cells)]
        if not rows:
            self._error(t("byod.file_empty", None, name=shown_name or Path(path).name))
            return
        header_index = max(
            range(min(len(rows), 30)),
            key=lambda i: (
                detect(rows[i][1], self._start).score[0],
                len(detect(rows[i][1], self._start).found),
            ),
        )
        if not detect(rows[header_index][1], self._start).score[0]:
            header_index = 0
        self._path = Path(path)
        self._headers = [h for h in rows[header_index][1]]
        data = [
            cells + [""] * (len(self._headers) - len(cells))
            for _, cells in rows[header_index + 1 :]
        ]
        self._sample = pd.DataFrame(
            [c[: len(self._headers)] for c in data], columns=range(len(self._headers))
        )
        self._build(detect(self._headers, self._start))
        self.refresh()

    def _build(self, match) -> None:
        options = [(t("byod.ui.none"), "")] + [
            (h or f"({i + 1})", str(i)) for i, h in enumerate(self._headers)
        ]
        self.dropdowns = {}
        for name in FIELDS_SHOWN:
            position = match.found.get(name)
            dropdown = widgets.Dropdown(
                options=options,
                value="" if position is None else str(position),
                description=display(name),
                style={"description_width": "13em"},
                layout=widgets.Layout(width="34em"),
            )
            dropdown.add_class(f"kinerja-mapping-{name}")
            dropdown.observe(lambda _change: self.refresh(), names="value")
            self.dropdowns[name] = dropdown
        self.fields.children = list(self.dropdowns.values())

    # --- the mapping ------------------------------------------------------------------------------
    def _column(self, name) -> int | None:
        value = self.dropdowns[name].value if name in self.dropdowns else ""
        return int(value) if value != "" else None

    @property
    def mapping(self) -> Mapping:
        columns = {
            self._headers[i]: name for name in FIELDS_SHOWN if (i := self._column(name)) is not None
        }
        values = {}
        for box in self.words.children:
            name, word = box._kinerja_key
            if box.value:
                values.setdefault(name, {})[word] = box.value
        return Mapping(columns, values, self._start.regime)

    def _unknown_words(self, name) -> list[str]:
        """Distinct words of a rating column that the general vocabulary does not know (none if
        many).
        """
        position = self._column(name)
        if position is None or self._sample.empty:
            return []
        vocabulary = column_mapping()[_LABELS[name]].items()
        known = {label_key(v) for label, variants in vocabulary for v in [label, *variants]}
        known |= {label_key(v) for v in column_mapping()["not_rated"]}
        cells = pd.unique(self._sample[position].astype(str).str.strip())
        words = [w for w in cells if w and label_key(w) not in known]
        if len(words) > _MAX_WORDS or any(sum(c.isdigit() for c in w) >= 6 for w in words):
            return []
        return sorted(words)

    def _build_words(self) -> None:
        previous = {box._kinerja_key: box.value for box in self.words.children}
        boxes = []
        for name in ("rating_hasil_kerja", "rating_perilaku_kerja", "predikat"):
            labels = list(column_mapping()[_LABELS[name]])
            for word in self._unknown_words(name):
                start = previous.get((name, word), self._start.values.get(name, {}).get(word, ""))
                box = widgets.Dropdown(
                    options=[(t("byod.ui.none"), "")] + [(x, x) for x in labels],
                    value=start if start in labels else "",
                    description=f"{display(name)}: {word}",
                    style={"description_width": "22em"},
                    layout=widgets.Layout(width="40em"),
                )
                box._kinerja_key = (name, word)
                box.add_class("kinerja-mapping-word")
                box.observe(lambda _change: self.refresh(words=False), names="value")
                boxes.append(box)
        self.words.children = boxes

    # --- preview ----------------------------------------------------------------------------------
    def refresh(self, words: bool = True) -> None:
        """Re-read the file with the current mapping; update the count, the problems and the
        preview.
        """
        if self._path is None:
            return
        if words:
            self._build_words()
        self.preview.value = self._preview_html()
        try:
            result = read_appraisals(self._path, key=self._key, columns=self.mapping)
        except _USER_ERRORS as error:
            self.used, self.total = 0, len(self._sample)
            self.count.value = (
                f"<b>{html.escape(t('byod.ui.count', None, used=0, total=self.total))}</b>"
            )
            self._error(_message(error))
            return
        self.used, self.total = len(result.data), int(result.source["total_rows"])
        kinds = result.problems.loc[~result.problems["kept"]].groupby("kind")["row"].nunique()
        reasons = ", ".join(f"{n} × {t(f'byod.kind.{kind}', None)}" for kind, n in kinds.items())
        self.count.value = (
            f"<b>{html.escape(t('byod.ui.count', None, used=self.used, total=self.total))}</b>"
            + (f" ({html.escape(reasons)})" if reasons else "")
        )
        self.message.value = ""

    def _preview_html(self) -> str:
        """The first rows as the kit would read them, every cell masked."""
        chosen = [(name, i) for name in FIELDS_SHOWN if (i := self._column(name)) is not None]
        if not chosen or self._sample.empty:
            return ""
        head = "".join(f"<th>{html.escape(display(name))}</th>" for name, _ in chosen)
        body = "".join(
            "<tr>"
            + "".join(f"<td>{html.escape(_shown(row[i], name))}</td>" for name, i in chosen)
            + "</tr>"
            for _, row in self._sample.head(5).iterrows()
        )
        return (
            f"<p>{html.escape(t('byod.ui.preview'))}</p><table "
            f"class='kinerja-mapping-table'><tr>{head}</tr>{body}</table>"
        )

    def _error(self, text: str) -> None:
        self.message.value = (
            f'<p class="kinerja-error" style="color:#b3261e">{html.escape(text)}</p>'
        )

    # --- saving -----------------------------------------------------------------------------------
    def save(self, path=None) -> Path:
        """Write the mapping as YAML (default: the path in the text box) and return its path."""
        target = Path(path or self.save_path.value).expanduser()
        target.write_text(self.mapping.to_yaml(), encoding="utf-8")
        return target

    def _save(self, _button) -> None:
        try:
            target = self.save()
        except _USER_ERRORS as error:
            self._error(_message(error))
            return
        self.message.value = (
            "<p "
            f'style="color:#1a7f37">{html.escape(t("byod.ui.saved", None, name=target.name))}</p>'
        )

    def close(self) -> None:
        """Delete the private copy of an uploaded file (also done when another file is uploaded)."""
        if self._private is not None:
            self._private.unlink(missing_ok=True)
            self._private = None

    def __del__(self):
        try:
            self.close()
        except (AttributeError, OSError):
            pass

    def _ipython_display_(self):
        from IPython.display import display as show

        show(self.widget)
