"""Parameterised reports: the policy notebook run headless on a study file, as an analyst's HTML.

``run_report("study.yaml")`` checks the study file, runs the policy lesson
``07_simulasi_kebijakan.ipynb`` (its copy shipped in this package) with papermill (its cell tagged ``parameters``
receives ``scenario_file``), and converts the executed notebook to HTML with nbconvert,
without the code cells and without the cells tagged ``lesson`` (the trainee's
explanations), into ``reports/<name>.html``. What remains reads as an analyst's report:
an executive summary first, then the evidence, in Bahasa Indonesia with Indonesian number
formats (persen, Rupiah in juta/miliar/triliun). Papermill is used because it injects
parameters into a notebook that stays a normal lesson of the curriculum.

The helpers below (:func:`executive_summary`, :func:`scenario_table`, :func:`results_table`,
:func:`rupiah`, :func:`persen`) build that text and those tables for the notebook.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim._core.data import data_path
from kinerja_sim._core.format import number
from kinerja_sim._core.i18n import t
from kinerja_sim.policy.scenario import load_study

__all__ = [
    "executive_summary",
    "notebook_path",
    "persen",
    "results_table",
    "rupiah",
    "run_report",
    "scenario_table",
    "truth_and_practice",
]

_SCALES = ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta"))


def _number(value: float, digits: int) -> str:
    """A number with Indonesian separators and exactly ``digits`` decimals: ``1.234,50``."""
    return number(value, digits, trim=False, lang="id")


def persen(share: float, digits: int = 1, *, signed: bool = False) -> str:
    """A share 0–1 as Indonesian percent text.

    Examples
    --------
    >>> persen(0.8846), persen(0.0027, 2), persen(-0.245, signed=True)
    ('88,5%', '0,27%', '−24,5 poin persen')
    """
    if share != share:
        return "-"
    if signed:
        sign = "+" if share > 0 else ("−" if share < 0 else "±")
        return f"{sign}{_number(abs(100 * share), digits)} poin persen"
    return f"{_number(100 * share, digits)}%"


def rupiah(value: float, digits: int = 2) -> str:
    """Rupiah with the scale word a reader expects (juta, miliar, triliun).

    Examples
    --------
    >>> rupiah(29_973_396_000_000), rupiah(812_500_000_000), rupiah(30_000_000), rupiah(-2.5e11)
    ('Rp29,97 triliun', 'Rp812,50 miliar', 'Rp30,00 juta', '−Rp250,00 miliar')
    """
    if value != value:
        return "-"
    sign = "−" if value < 0 else ""
    size = abs(value)
    for scale, word in _SCALES:
        if size >= scale:
            return f"{sign}Rp{_number(size / scale, digits)} {word}"
    return f"{sign}Rp{_number(size, 0)}"


def _value_text(metric: str, value: float) -> str:
    if metric.startswith(("tpp", "tukin", "incentive")):
        return rupiah(value)
    if metric in ("kappa_quadratic",):
        return _number(value, 3) if value == value else "-"
    if metric.startswith(("angka_kredit", "score_")):
        return _number(value, 2 if "per" in metric or metric.startswith("score_") else 0)
    return persen(value)


def _difference_text(metric: str, value: float) -> str:
    if metric.startswith(("tpp", "tukin", "incentive")):
        return ("+" if value > 0 else "") + rupiah(value)
    if metric.startswith(("angka_kredit", "score_", "kappa")):
        return ("+" if value > 0 else "") + _value_text(metric, value)
    return persen(value, signed=True)


def scenario_table(study) -> pd.DataFrame:
    """The scenarios of a study in words: one row each, Indonesian headers."""
    rows = []
    for scenario in study.scenarios:
        rows.append(
            {
                "Skenario": scenario.name,
                "Aturan": scenario.rules,
                "Kurva distribusi": "diterapkan" if scenario.enforce_curve else "tidak diterapkan",
                "Penilai": t(f"policy.report.raters.{scenario.raters}")
                if isinstance(scenario.raters, str)
                else scenario.raters.name,
                "Penilai per pegawai": (
                    "atasan saja"
                    if scenario.raters_per_employee == 1
                    else f"atasan + {scenario.raters_per_employee - 1} rekan/bawahan (360 derajat)"
                ),
                "Dilatih": persen(scenario.trained_share, 0),
                "Rapat kalibrasi": "ya" if scenario.calibration else "tidak",
            }
        )
    return pd.DataFrame(rows).set_index("Skenario")


def results_table(table: pd.DataFrame, metrics) -> pd.DataFrame:
    """Selected outcomes of :func:`~kinerja_sim.policy.compare` with Indonesian headers and numbers.

    Columns: Skenario, Ukuran, Perkiraan, Rentang 95%, Selisih dari <first scenario>, Rentang selisih 95%.
    """
    first = table["scenario"].iloc[0]
    rows = []
    for row in table[table["metric"].isin(list(metrics))].itertuples():
        same = row.scenario == first
        rows.append(
            {
                "Skenario": row.scenario,
                "Ukuran": row.label,
                "Perkiraan": _value_text(row.metric, row.estimate),
                "Rentang 95%": f"{_value_text(row.metric, row.ci_low)} sampai {_value_text(row.metric, row.ci_high)}",
                f"Selisih dari {first}": "-"
                if same
                else _difference_text(row.metric, row.difference),
                "Rentang selisih 95%": "-"
                if same
                else (
                    f"{_difference_text(row.metric, row.diff_ci_low)} sampai "
                    f"{_difference_text(row.metric, row.diff_ci_high)}"
                ),
            }
        )
    return pd.DataFrame(rows).set_index(["Skenario", "Ukuran"])


def truth_and_practice(simulation) -> pd.DataFrame:
    """Predicate shares by the truth model and as rated, for one simulated workforce.

    Columns: ``Predikat``, ``Kinerja sebenarnya (model)``, ``Predikat yang diberikan``
    (Indonesian percent text); the numbers come from the 5 × 5 table of true against given.
    """
    confusion = np.asarray(simulation.confusion, dtype=float)
    total = confusion.sum()
    return pd.DataFrame(
        {
            "Predikat": list(simulation.scenario.categories),
            "Kinerja sebenarnya (model)": [persen(v, 2) for v in confusion.sum(axis=1) / total],
            "Predikat yang diberikan": [persen(v, 2) for v in confusion.sum(axis=0) / total],
        }
    ).set_index("Predikat")


def _row(table, scenario, metric):
    rows = table[(table["scenario"] == scenario) & (table["metric"] == metric)]
    return rows.iloc[0] if len(rows) else None


def executive_summary(study, table: pd.DataFrame, national=None) -> str:
    """The report's first section (Markdown, Bahasa Indonesia): title, status quo and each option's effect.

    Parameters
    ----------
    study : Study
    table : DataFrame
        :func:`~kinerja_sim.policy.compare` (or ``summarise_replications``) of the study.
    national : Simulation, optional
        The first scenario simulated once at a larger scale: gives the truth-versus-practice line.
    """
    base = study.scenarios[0].name
    lines = [f"# {study.title}", "", "## Ringkasan eksekutif", ""]
    sb, b = _row(table, base, "share_sangat_baik"), _row(table, base, "share_baik")
    bottom = sum(
        _row(table, base, m)["estimate"]
        for m in ("share_butuh_perbaikan", "share_kurang", "share_sangat_kurang")
        if _row(table, base, m) is not None
    )
    if sb is not None and b is not None:
        lines.append(
            f"- **{base}**: {persen(sb['estimate'])} pegawai Sangat Baik, {persen(b['estimate'])} Baik, "
            f"{persen(bottom, 2)} Butuh Perbaikan atau lebih rendah."
        )
    if national is not None:
        confusion = np.asarray(national.confusion, dtype=float)
        true_bottom = confusion[2:].sum() / confusion.sum()
        rated_bottom = confusion[:, 2:].sum() / confusion.sum()
        lines.append(
            f"- Menurut model kinerja sebenarnya, {persen(true_bottom)} pegawai berkinerja di bawah "
            f"ekspektasi; yang dinilai demikian hanya {persen(rated_bottom, 2)}. Selisih inilah masalah "
            "kebijakannya: hampir tidak ada pegawai yang mendapat umpan balik untuk memperbaiki diri."
        )
    agreement = _row(table, base, "agreement")
    if agreement is not None:
        lines.append(
            f"- Kesesuaian predikat dengan kinerja sebenarnya pada {base}: {persen(agreement['estimate'])}."
        )
    lines += [
        "",
        "Dampak setiap pilihan kebijakan dibanding "
        + base
        + " (rentang 95% dari ulangan berpasangan):",
        "",
    ]
    for scenario in study.scenarios[1:]:
        parts = []
        for metric, name in (
            ("share_baik", "Baik"),
            ("share_butuh_perbaikan", "Butuh Perbaikan"),
            ("agreement", "kesesuaian dengan kinerja sebenarnya"),
            ("tpp_total", "total TPP"),
        ):
            row = _row(table, scenario.name, metric)
            if row is None:
                continue
            clear = row["diff_ci_low"] > 0 or row["diff_ci_high"] < 0
            text = _difference_text(metric, row["difference"])
            parts.append(f"{name} {text}" + ("" if clear else " (tidak jelas berbeda)"))
        lines.append(f"- **{scenario.name}**: " + "; ".join(parts) + ".")
    return "\n".join(lines)


NOTEBOOK = "07_simulasi_kebijakan.ipynb"


def notebook_path() -> Path:
    """The policy notebook shipped in the package (``kinerja_sim/policy/07_simulasi_kebijakan.ipynb``).

    The same file as lesson ``notebooks/07_simulasi_kebijakan.ipynb`` (a test keeps the two
    identical), so a wheel install, which has no ``notebooks/``, writes reports too.
    """
    return Path(str(data_path(NOTEBOOK, package="kinerja_sim.policy")))


def run_report(study_file, *, out="reports", notebook=None, timeout: int = 1800) -> Path:
    """Run the policy notebook on ``study_file`` and write ``<out>/<study name>.html``.

    Parameters
    ----------
    study_file : str or Path
        A study YAML (``notebooks/scenarios/contoh.yaml`` shows every field); checked
        first, so a bad field is reported before anything runs.
    out : str or Path
        Folder of the report (created if needed).
    notebook : str or Path, optional
        Another notebook with a ``parameters`` cell (default: lesson 07).
    timeout : int
        Seconds allowed per cell.

    Returns
    -------
    Path
        The HTML file.

    Raises
    ------
    ValueError
        A bad study file, or a cell that failed (one line naming the error).
    """
    import papermill
    from nbconvert import HTMLExporter

    study_file = Path(study_file).resolve()
    if not study_file.is_file():
        raise FileNotFoundError(f"{study_file}: no such study file")
    study = load_study(study_file)
    notebook = Path(notebook) if notebook else notebook_path()
    if not notebook.is_file():
        raise FileNotFoundError(t("policy.report.no_notebook", path=notebook))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    executed = out / f"{study.name}.ipynb"
    try:
        papermill.execute_notebook(
            str(notebook),
            str(executed),
            parameters={"scenario_file": str(study_file)},
            cwd=str(notebook.parent),
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            kernel_name="python3",
        )
    except papermill.PapermillExecutionError as error:
        raise ValueError(
            t("policy.report.failed", error=f"{error.ename}: {error.evalue}")
        ) from None
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = ("lesson",)
    exporter = HTMLExporter(
        config=config, exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    exporter.register_preprocessor("nbconvert.preprocessors.TagRemovePreprocessor", enabled=True)
    body, _ = exporter.from_filename(str(executed))
    html = out / f"{study.name}.html"
    html.write_text(body, encoding="utf-8")
    executed.unlink()
    return html
