"""Widgets of the facilitator's pack on the dashboard: the certificates button, the paper sheets.

:func:`certificates_button` is what the facilitator's dashboard shows beside its export: one
press writes every trainee's certificate (:func:`kinerja_sim.pack.certificates.write_certificates`)
and the training record (:func:`kinerja_sim.pack.record.write_record`, an xlsx) into a folder
``sertifikat`` beside the dashboard's exports. :func:`paper_scores_form` is where the
facilitator types in a paper answer sheet of the handouts (:mod:`kinerja_sim.pack.paper`), for
a trainee picked from the store's roster or added to it with a new personal code, never for a
free-typed name. All report problems in one Indonesian line, never a traceback. (The
trainee's own details form is in the app: :mod:`kinerja_sim.ui.trainee_details`.)
"""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as widgets

from kinerja_sim._core.i18n import t
from kinerja_sim.pack.certificates import write_certificates
from kinerja_sim.pack.paper import add_to_roster, enter_paper_scores, paper_cases, roster
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
    """``$KINERJA_SIM_EXPORTS/sertifikat``, else ``ekspor_dasbor/sertifikat`` in the current
    folder.
    """
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


def _error_line(error: BaseException, lang) -> str:
    if isinstance(error, (ValueError, TypeError, OSError)):  # the kit's own Indonesian line
        return str(error.args[0]) if error.args else str(error)
    return t("ui.unexpected_error", lang, problem=error)


def paper_scores_form(store_path, *, lang=None) -> widgets.VBox:
    """The facilitator's form for one paper answer sheet: the trainee picked from the roster
    (or added to it with a new code), the case, the code on the sheet (optional), eight scores.

    The box has ``press`` (save the sheet), ``add`` (put the name typed under "new trainee" on
    the roster), ``refresh`` (read the roster again) and ``fields`` (the widgets by name).
    """
    cases = paper_cases()
    style = {"description_width": "14em"}
    trainee = widgets.Dropdown(description=t("pack.paper.trainee", lang), style=style)
    trainee.add_class("kinerja-paper-trainee")
    new_name = widgets.Text(
        description=t("pack.paper.new_trainee", lang),
        placeholder=t("pack.paper.new_placeholder", lang),
        style=style,
        layout={"width": "34em"},
    )
    add_button = widgets.Button(
        description=t("pack.paper.add", lang), icon="user-plus", layout={"width": "auto"}
    )
    code = widgets.Text(
        description=t("pack.paper.code", lang),
        placeholder=t("pack.paper.code_placeholder", lang),
        style=style,
    )
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

    def refresh(select=None):
        try:
            names = roster(store_path)
        except Exception as error:  # noqa: BLE001 - one line for the facilitator
            message.value = html.escape(_error_line(error, lang))
            names = []
        trainee.options = [(t("pack.paper.choose", lang), None), *((n, n) for n in names)]
        trainee.value = select if select in names else None

    def add(_=None):
        try:
            name, issued = add_to_roster(store_path, new_name.value, lang=lang)
        except Exception as error:  # noqa: BLE001 - one line for the facilitator
            message.value = html.escape(_error_line(error, lang))
            return None
        refresh(select=name)
        new_name.value = ""
        message.value = (
            "<b style='font-size:1.2em'>"
            + html.escape(t("pack.paper.added", lang, trainee=name, code=issued))
            + "</b>"
        )
        return issued

    def press(_=None):
        if trainee.value is None:
            message.value = html.escape(t("pack.paper.no_trainee", lang))
            return None
        try:
            feedback = enter_paper_scores(
                store_path,
                trainee.value,
                case.value,
                {d: box.value for d, box in scores.items()},
                code=code.value,
                lang=lang,
            )
        except Exception as error:  # noqa: BLE001 - one line for the facilitator
            message.value = html.escape(_error_line(error, lang))
            return None
        message.value = html.escape(
            t(
                "pack.paper.saved",
                lang,
                trainee=trainee.value,
                case=case.value,
                summary=feedback.summary,
            )
        )
        for box in (code, *scores.values()):
            box.value = ""
        return feedback

    add_button.on_click(add)
    save.on_click(press)
    refresh()
    title = widgets.HTML(
        f"<b>{html.escape(t('pack.paper.title', lang))}</b><br>"
        f"<small>{html.escape(t('pack.paper.help', lang))}</small>"
    )
    box = widgets.VBox(
        [
            title,
            trainee,
            widgets.HBox([new_name, add_button]),
            code,
            case,
            *scores.values(),
            save,
            message,
        ]
    )
    box.add_class("kinerja-paper-form")
    box.press, box.add, box.refresh = press, add, refresh
    box.fields = {"trainee": trainee, "new_trainee": new_name, "code": code, "case": case, **scores}
    return box
