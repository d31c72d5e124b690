"""Parameterised reports: the policy notebook run headless on a study file, as an analyst's HTML.

``run_report("study.yaml")`` checks the study file, runs the policy lesson
``07_simulasi_kebijakan.ipynb`` (its copy shipped in this package) with papermill (its cell tagged
``parameters``
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
from kinerja_sim._core.format import SCALES, number
from kinerja_sim._core.i18n import t
from kinerja_sim.policy.outcomes import format_range, format_significant, is_share, scale_of
from kinerja_sim.policy.scenario import load_study

__all__ = [
    "breakdown_table",
    "check_replications",
    "differing_fields",
    "executive_summary",
    "fairness_text",
    "joint_answers",
    "joint_table_text",
    "notebook_path",
    "persen",
    "results_table",
    "rupiah",
    "rupiah_range",
    "run_facts",
    "run_report",
    "scenario_table",
    "sensitivity_studies",
    "sensitivity_table",
    "sensitivity_text",
    "truth_and_practice",
]


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
    for scale, word in SCALES["id"]:
        if size >= scale:
            return f"{sign}Rp{_number(size / scale, digits)} {word}"
    return f"{sign}Rp{_number(size, 0)}"


def rupiah_range(low: float, high: float, *, signed: bool = False, digits: int = 2) -> str:
    """Two Rupiah amounts in one unit: ``−Rp202,53 ribu``-style mixes never happen.

    Examples
    --------
    >>> rupiah_range(-20_800_000, -202_534)
    '−Rp20,80 juta sampai −Rp0,20 juta'
    >>> rupiah_range(1e12, 3.5e12, signed=True)
    '+Rp1,00 triliun sampai +Rp3,50 triliun'
    """
    if low != low or high != high:
        return "-"
    scale, word = scale_of(low, high, lang="id")
    return " sampai ".join(_rupiah_in(v, scale, word, signed, digits) for v in (low, high))


def _rupiah_in(value, scale, word, signed, digits) -> str:
    sign = "−" if value < 0 else ("+" if signed and value > 0 else "")
    if not word:
        return f"{sign}Rp{_number(abs(value), 0)}"
    return f"{sign}Rp{_number(abs(value) / scale, digits)} {word}"


def _range_text(metric: str, low: float, high: float, *, difference: bool = False) -> str:
    """A 95% range in one unit per cell."""
    if metric.startswith("tpp"):
        return rupiah_range(low, high, signed=difference)
    text = _difference_text if difference else _value_text
    return f"{text(metric, low)} sampai {text(metric, high)}"


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


#: Scenario fields the scenario table always shows (in words); every other field is shown
#: as a column of its own when it differs between the scenarios.
_ALWAYS = (
    "name",
    "rules",
    "enforce_curve",
    "raters",
    "raters_per_employee",
    "trained_share",
    "calibration",
)


def _field_text(name: str, value) -> str:
    """A scenario field's value in words (Indonesian numbers, YAML-like mappings)."""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if name == "tpp_base":
        return rupiah(value) + " per bulan"
    if name == "tpp":
        return "; ".join(f"{k} {persen(v, 0)}" for k, v in value.items())
    if name in ("calibration_strength",):
        return persen(value, 0)
    if isinstance(value, dict):
        return _mapping_text(value) if value else "-"
    if isinstance(value, float):
        return _number(value, 2)
    return str(getattr(value, "name", value))


def _mapping_text(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_mapping_text(v)}" for k, v in value.items()) + "}"
    return str(value)


def differing_fields(study) -> list:
    """Scenario fields (beyond those always shown) whose value differs between the scenarios."""
    dicts = [s.to_dict() for s in study.scenarios]
    return [
        name
        for name in dicts[0]
        if name not in _ALWAYS and any(repr(d[name]) != repr(dicts[0][name]) for d in dicts[1:])
    ]


def scenario_table(study) -> pd.DataFrame:
    """The scenarios of a study in words: one row each, Indonesian headers.

    Besides the rules, the curve, the raters, training and calibration, every other field that
    differs between the scenarios (``calibration_reference``, ``tpp_base``, ``rule_changes``...)
    gets a column, so two scenarios never look identical.
    """
    extra = differing_fields(study)
    rows = []
    for scenario in study.scenarios:
        fields = scenario.to_dict()
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
                **{t(f"analyst.field.{name}"): _field_text(name, fields[name]) for name in extra},
            }
        )
    return pd.DataFrame(rows).set_index("Skenario")


def results_table(table: pd.DataFrame, metrics, study=None) -> pd.DataFrame:
    """Selected outcomes of :func:`~kinerja_sim.policy.compare` with Indonesian headers and numbers.

    Columns: Skenario, Ukuran, Perkiraan, Rentang 95%, Selisih dari <first scenario>, Rentang
    selisih 95%; every cell in one unit (Rupiah ranges share one scale word). With ``study``,
    the share changed by the curve reads "aturan ini tanpa kurva" or "kurva tidak diterapkan"
    for scenarios without a curve instead of 0,0%.
    """
    first = table["scenario"].iloc[0]
    no_curve = _no_curve_texts(study)
    rows = []
    for row in table[table["metric"].isin(list(metrics))].itertuples():
        same = row.scenario == first
        if row.metric == "curve_changed" and row.scenario in no_curve:
            text = no_curve[row.scenario]
            rows.append(
                {
                    "Skenario": row.scenario,
                    "Ukuran": row.label,
                    "Perkiraan": text,
                    "Rentang 95%": "-",
                    f"Selisih dari {first}": "-",
                    "Rentang selisih 95%": "-",
                }
            )
            continue
        rows.append(
            {
                "Skenario": row.scenario,
                "Ukuran": row.label,
                "Perkiraan": _value_text(row.metric, row.estimate),
                "Rentang 95%": _range_text(row.metric, row.ci_low, row.ci_high),
                f"Selisih dari {first}": "-"
                if same
                else _difference_text(row.metric, row.difference),
                "Rentang selisih 95%": "-"
                if same
                else _range_text(row.metric, row.diff_ci_low, row.diff_ci_high, difference=True),
            }
        )
    return pd.DataFrame(rows).set_index(["Skenario", "Ukuran"])


def _no_curve_texts(study) -> dict:
    """Scenario name -> what to say instead of a curve share, for scenarios without a curve."""
    from kinerja_sim.policy.engine import is_scored

    if study is None:
        return {}
    return {
        s.name: t("analyst.no_curve.rules" if is_scored(s.rule_set) else "analyst.no_curve.off")
        for s in study.scenarios
        if not s.enforce_curve
    }


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


def _first(national):
    """The first scenario's large run: ``national`` itself or the first of a mapping of runs."""
    if isinstance(national, dict):
        return next(iter(national.values()), None)
    return national


def executive_summary(study, table: pd.DataFrame, national=None) -> str:
    """The report's first section (Markdown, Bahasa Indonesia): title, status quo and each option's
    effect.

    Parameters
    ----------
    study : Study
    table : DataFrame
        :func:`~kinerja_sim.policy.compare` (or ``summarise_replications``) of the study.
    national : Simulation or dict of Simulation, optional
        The scenarios simulated once at a larger scale (the first is the reference). When
        given, every figure of the status quo comes from that one run, so two bullets never
        disagree; the effects of the options come from the paired replications of ``table``.
    """
    base = study.scenarios[0].name
    lines = [f"# {study.title}", "", "## Ringkasan eksekutif", ""]
    national = _first(national)
    if national is not None:
        values = national.outcomes()
        confusion = np.asarray(national.confusion, dtype=float)
        rated = confusion.sum(axis=0) / confusion.sum()
        true_bottom = confusion[2:].sum() / confusion.sum()
        size = number(confusion.sum(), 0, lang="id")
        lines.append(
            f"- **{base}** (satu simulasi {size} pegawai): {persen(rated[0])} pegawai Sangat Baik, "
            f"{persen(rated[1])} Baik, {persen(rated[2:].sum(), 2)} Butuh Perbaikan atau lebih "
            "rendah."
        )
        lines.append(
            f"- Menurut model kinerja sebenarnya, {persen(true_bottom)} pegawai berkinerja "
            "di bawah "
            f"ekspektasi; yang dinilai demikian hanya {persen(rated[2:].sum(), 2)}. Selisih inilah "
            "masalah kebijakannya: hampir tidak ada pegawai yang mendapat umpan balik untuk "
            "memperbaiki diri."
        )
        lines.append(
            f"- Kesesuaian predikat dengan kinerja sebenarnya pada {base}: "
            f"{persen(values['agreement'])}."
        )
    else:
        sb, b = _row(table, base, "share_sangat_baik"), _row(table, base, "share_baik")
        bottom = sum(
            _row(table, base, m)["estimate"]
            for m in ("share_butuh_perbaikan", "share_kurang", "share_sangat_kurang")
            if _row(table, base, m) is not None
        )
        if sb is not None and b is not None:
            lines.append(
                f"- **{base}**: {persen(sb['estimate'])} pegawai Sangat Baik, "
                f"{persen(b['estimate'])} Baik, {persen(bottom, 2)} Butuh Perbaikan "
                "atau lebih rendah."
            )
        agreement = _row(table, base, "agreement")
        if agreement is not None:
            lines.append(
                f"- Kesesuaian predikat dengan kinerja sebenarnya pada {base}: "
                f"{persen(agreement['estimate'])}."
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
            if row is None or row["difference"] != row["difference"]:
                continue  # an outcome the scenario's rules do not have (another regime)
            clear = row["diff_ci_low"] > 0 or row["diff_ci_high"] < 0
            text = _difference_text(metric, row["difference"])
            parts.append(f"{name} {text}" + ("" if clear else " (tidak jelas berbeda)"))
        lines.append(f"- **{scenario.name}**: " + "; ".join(parts) + ".")
    return "\n".join(lines)


def check_replications(replications: int) -> int:
    """``replications`` if at least 2, else ValueError: one replication gives no interval."""
    if isinstance(replications, bool) or not isinstance(replications, int) or replications < 2:
        raise ValueError(
            t(
                "analyst.study.bad_replications",
                value=repr(replications),
                bounds=t("analyst.study.range", low=2, high=1000),
            )
        )
    return replications


def run_facts(study, *, employees: int, replications: int, national_employees: int) -> str:
    """What the report rests on, in one Markdown paragraph: sizes, replications, seed, version."""
    from kinerja_sim import __version__

    return t(
        "analyst.report.facts",
        employees=number(employees, 0, lang="id"),
        replications=number(replications, 0, lang="id"),
        seed=study.rng,
        national=number(national_employees, 0, lang="id"),
        version=__version__,
    )


def breakdown_table(simulation, by: str = "organisation_predicate", top: int | None = 15):
    """Who is hit in one run (``kinerja_sim.policy.breakdown``), Indonesian headers and numbers."""
    from kinerja_sim.policy.breakdown import breakdown, breakdown_text

    text, _ = breakdown_text(breakdown(simulation.offices, by, simulation.keys), by, top=top)
    return text.set_index(text.columns[0])


def joint_table_text(simulation) -> pd.DataFrame:
    """The joint table of one run: true predicate (rows) × given predicate (columns), employees."""
    from kinerja_sim.policy.breakdown import joint_table

    table = joint_table(simulation.offices, simulation.keys, simulation.scenario.categories)
    table = table.map(lambda v: number(v, 0, lang="id"))
    table.index.name, table.columns.name = "Sebenarnya \\ Diberikan", None
    return table


def joint_answers(runs) -> str:
    """Markdown bullets: per scenario, truly Baik rated Butuh Perbaikan (and every truly good
    employee rated negative), count and share, from the large runs."""
    from kinerja_sim.policy.breakdown import joint_pairs

    lines = []
    for name, simulation in runs.items():
        keys, labels = simulation.keys, simulation.scenario.categories
        pairs = joint_pairs(simulation.offices, keys, labels)
        wrong = pairs[pairs["true_key"].isin(keys[:2]) & pairs["rated_key"].isin(keys[2:])]
        focus = wrong[(wrong["true_key"] == keys[1]) & (wrong["rated_key"] == keys[2])].iloc[0]
        good = int(pairs[pairs["true_key"].isin(keys[:2])]["n"].sum())
        lines.append(
            f"- **{name}**: sebenarnya {focus['true']} dinilai {focus['rated']}: "
            f"{number(focus['n'], 0, lang='id')} pegawai ({persen(focus['share_of_true'])} dari "
            f"yang sebenarnya {focus['true']}); semua yang sebenarnya {labels[0]} atau "
            f"{labels[1]} tetapi diberi predikat negatif: {number(wrong['n'].sum(), 0, lang='id')} "
            f"({persen(wrong['n'].sum() / good if good else float('nan'))})."
        )
    return "\n".join(lines)


def fairness_text(runs) -> str:
    """Markdown: both fairness figures of every large run, and what they mean."""
    lines = []
    for name, simulation in runs.items():
        values = simulation.outcomes()
        lines.append(
            f"- **{name}**: pada nilai (sebelum kurva) {persen(values['leniency_share'])}; "
            f"pada predikat yang diberikan aturan {persen(values['leniency_share_predicate'])}."
        )
    return "\n".join(lines)


def sensitivity_studies(study, *, employees: int, base: int = 64, rng=None) -> dict:
    """Scenario name -> :class:`~kinerja_sim.policy.sensitivity.SensitivityStudy` (Sobol), in
    the study's scenario order: every ASSUMPTION that can matter in the scenario varied over
    its documented range, ``base`` × (k + 2) runs of ``employees`` each (default seed: the
    study's)."""
    from kinerja_sim.policy.sensitivity import simulate_sensitivity

    seed = study.rng if rng is None else rng
    return {
        s.name: simulate_sensitivity(s, employees=employees, base=base, progress=False, rng=seed)
        for s in study.scenarios
    }


def _sensitivity_cell(metric: str, default: float, low: float, high: float) -> str:
    """``default (low–high)`` at three significant figures, as ``kinerja-sim simulate`` prints
    its ranges (:func:`~kinerja_sim.policy.outcomes.format_range`: one Rupiah scale word);
    shares all below 1% keep the two decimals they need."""
    if is_share(metric) and max(abs(default), abs(high)) < 0.01:
        texts = [persen(v, 2) for v in (default, low, high)]
        return f"{texts[0]} ({texts[1]}–{texts[2]})"
    value = format_significant(metric, default, "id")
    return f"{value} ({format_range(metric, low, high, 'id')})"


def sensitivity_table(studies: dict) -> pd.DataFrame:
    """Per headline answer (rows) and scenario (columns, the study's order): its value at the
    default assumptions with its range over every run of the study, and the assumptions that
    drive it (total Sobol index at least 0.05, largest first, with the index)."""
    from kinerja_sim.policy.outcomes import metric_labels

    metrics = list(dict.fromkeys(m for st in studies.values() for m in st.metrics))
    labels = metric_labels("id", metrics)
    value_of, drivers_of = (
        t("sensitivity.report.column_value"),
        t("sensitivity.report.column_drivers"),
    )
    rows = []
    for metric in metrics:
        row = {t("sensitivity.report.column_answer"): labels[metric]}
        for name, st in studies.items():
            if metric not in st.metrics:
                row[f"{name}: {value_of}"] = row[f"{name}: {drivers_of}"] = "-"
                continue
            ranges = st.ranges("id").set_index("metric").loc[metric]
            row[f"{name}: {value_of}"] = _sensitivity_cell(
                metric, ranges["default"], ranges["low"], ranges["high"]
            )
            strong = st.drivers(metric, strong=True)
            row[f"{name}: {drivers_of}"] = "; ".join(
                f"{t(f'sensitivity.assumption.{d.assumption}')} ({_number(d.estimate, 2)})"
                for d in strong.itertuples()
                if d.estimate >= 0.05
            ) or t("sensitivity.report.no_driver")
        rows.append(row)
    return pd.DataFrame(rows).set_index(t("sensitivity.report.column_answer"))


def sensitivity_text(studies: dict) -> str:
    """Markdown: the section's heading, what was varied and how (runs, employees per run, base
    sample, seed), the widest bootstrap half-width of the indices, and how to read the table
    and the tornado plots."""
    first = next(iter(studies.values()))
    widths = pd.concat(
        [(st.indices["ci_high"] - st.indices["ci_low"]) / 2 for st in studies.values()]
    )
    names = dict.fromkeys(a.name for st in studies.values() for a in st.assumptions)
    return t(
        "sensitivity.report.text",
        runs=number(sum(len(st.runs) for st in studies.values()), 0, lang="id"),
        scenarios=number(len(studies), 0, lang="id"),
        employees=number(first.employees, 0, lang="id"),
        base=number(first.base, 0, lang="id"),
        workforce=number(first.workforce, 0, lang="id"),
        half=_number(float(widths.max()), 2),
        names=", ".join(t(f"sensitivity.assumption.{n}") for n in names),
    )


NOTEBOOK = "07_simulasi_kebijakan.ipynb"


def notebook_path() -> Path:
    """The policy notebook shipped in the package
    (``kinerja_sim/policy/07_simulasi_kebijakan.ipynb``).

    The same file as lesson ``notebooks/07_simulasi_kebijakan.ipynb`` (a test keeps the two
    identical), so a wheel install, which has no ``notebooks/``, writes reports too.
    """
    return Path(str(data_path(NOTEBOOK, package="kinerja_sim.policy")))


def run_report(
    study_file,
    *,
    out="reports",
    notebook=None,
    timeout: int = 1800,
    sensitivity_base: int | None = None,
) -> Path:
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
    sensitivity_base : int, optional
        Base sample (a power of two) of the section on the ranges over the assumptions
        (default: the notebook's, 64; 4096 gives Sobol indices within ±0.05).

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
            parameters={
                "scenario_file": str(study_file),
                **({} if sensitivity_base is None else {"sensitivity_base": sensitivity_base}),
            },
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
