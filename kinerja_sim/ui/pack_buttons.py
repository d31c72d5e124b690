"""Widgets of the facilitator's pack on the dashboard: the certificates button, the paper sheets.

:func:`certificates_button` is what the facilitator's dashboard shows beside its export: one
press writes every trainee's certificate (:func:`kinerja_sim.pack.certificates.write_certificates`)
and the training record (:func:`kinerja_sim.pack.record.write_record`, an xlsx) into a folder
``sertifikat`` beside the dashboard's exports. :func:`paper_scores_form` is where the facilitator types in a paper answer sheet of
the handouts (:mod:`kinerja_sim.pack.paper`). All report problems in one Indonesian line, never a traceback. (The trainee's own
details form is in the app: :mod:`kinerja_sim.ui.trainee_details`.)
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets

from kinerja_sim._core.i18n import t
from kinerja_sim.pack.certificates import write_certificates
from kinerja_sim.pack.paper import enter_paper_scores, paper_cases
from kinerja_sim.pack.record import write_record
from kinerja_sim.training.dashboard import EXPORT_FOLDER, EXPORTS_ENV, export_problem
from kinerja_sim.world.dimensions import DIMENSION_LABELS, DIMENSIONS

__all__ = [
    "CERTIFICATE_FOLDER",
    "certificates_button",
    "default_folder",
    "paper_scores_form",
    "write_pack",
]

CERTIFICATE_FOLDER = "sertifikat"


def default_folder() -> Path:
    """``$KINERJA_SIM_EXPORTS/sertifikat``, else ``ekspor_dasbor/sertifikat`` in the current folder."""
    configured = os.environ.get(EXPORTS_ENV, "").strip()
    base = Path(configured).expanduser() if configured else Path.cwd() / EXPORT_FOLDER
    return base / CERTIFICATE_FOLDER


def write_pack(store_path, folder=None, *, lang=None) -> str:
    """Write the certificates and the record; return the one line to show (success or problem)."""
    folder = Path(folder) if folder is not None else default_folder()
    try:
        files = write_certificates(store_path, folder, lang=lang)
        record = write_record(store_path, folder / "catatan_pelatihan.xlsx", lang=lang)
    except ValueError as error:  # no workshop info yet, an unreadable store: the kit's own line
        return str(error)
    except Exception as error:  # noqa: BLE001 - one line for the facilitator, never a traceback
        return export_problem(error, folder, lang=lang)
    return t("pack.ui.written", lang, n=len(files), folder=folder, record=record.name)


def certificates_button(store_path, folder=None, *, lang=None) -> widgets.VBox:
    """A "write certificates" button with its message line, for the facilitator's dashboard."""
    button = widgets.Button(
        description=t("pack.ui.certificates", lang),
        icon="certificate",
        layout=widgets.Layout(width="auto"),
    )
    message = widgets.HTML()

    def press(_):
        button.disabled = True
        try:
            message.value = html.escape(write_pack(store_path, folder, lang=lang))
        finally:
            button.disabled = False

    button.on_click(press)
    box = widgets.VBox([button, message])
    box.press = press  # for tests and notebooks: the same as a click
    return box


def paper_scores_form(store_path, *, lang=None) -> widgets.VBox:
    """The facilitator's form for one paper answer sheet: trainee, case, eight scores, save."""
    cases = paper_cases()
    style = {"description_width": "14em"}
    trainee = widgets.Text(description=t("pack.paper.trainee", lang), style=style)
    case = widgets.Dropdown(
        options=[case.item_id for case in cases.cases],
        description=t("pack.paper.case", lang),
        style=style,
    )
    scores = {
        d: widgets.Text(description=DIMENSION_LABELS[d], style=style, layout={"width": "22em"})
        for d in DIMENSIONS
    }
    save = widgets.Button(description=t("pack.paper.save", lang), icon="save")
    message = widgets.HTML()

    def press(_):
        if not trainee.value.strip():
            message.value = html.escape(t("pack.paper.no_trainee", lang))
            return
        try:
            feedback = enter_paper_scores(
                store_path,
                trainee.value,
                case.value,
                {d: box.value for d, box in scores.items()},
                lang=lang,
            )
        except (ValueError, TypeError, FileNotFoundError) as error:
            message.value = html.escape(str(error))
            return
        message.value = html.escape(
            t(
                "pack.paper.saved",
                lang,
                trainee=trainee.value,
                case=case.value,
                summary=feedback.summary,
            )
        )
        for box in scores.values():
            box.value = ""

    save.on_click(press)
    title = widgets.HTML(f"<b>{html.escape(t('pack.paper.title', lang))}</b>")
    box = widgets.VBox([title, trainee, case, *scores.values(), save, message])
    box.press = press
    box.fields = {"trainee": trainee, "case": case, **scores}
    return box
