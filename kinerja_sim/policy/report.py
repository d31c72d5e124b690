"""Parameterised reports: the policy notebook run headless on a study file, as HTML.

``run_report("study.yaml")`` checks the study file, runs
``notebooks/07_simulasi_kebijakan.ipynb`` with papermill (its cell tagged ``parameters``
receives ``scenario_file``), and converts the executed notebook to HTML with nbconvert,
without the code cells, into ``reports/<name>.html``. Papermill is used because it injects
parameters into a notebook that stays a normal lesson of the curriculum.
"""
from __future__ import annotations

from pathlib import Path

from kinerja_sim.i18n import t
from kinerja_sim.policy.scenario import load_study

__all__ = ["notebook_path", "run_report"]

NOTEBOOK = "07_simulasi_kebijakan.ipynb"


def notebook_path() -> Path:
    """The policy notebook of the source tree (``notebooks/07_simulasi_kebijakan.ipynb``)."""
    return Path(__file__).resolve().parents[2] / "notebooks" / NOTEBOOK


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
        papermill.execute_notebook(str(notebook), str(executed), parameters={"scenario_file": str(study_file)},
                                   cwd=str(notebook.parent), progress_bar=False, log_output=False,
                                   execution_timeout=timeout, kernel_name="python3")
    except papermill.PapermillExecutionError as error:
        raise ValueError(t("policy.report.failed", error=f"{error.ename}: {error.evalue}")) from None
    body, _ = HTMLExporter(exclude_input=True, exclude_input_prompt=True,
                           exclude_output_prompt=True).from_filename(str(executed))
    html = out / f"{study.name}.html"
    html.write_text(body, encoding="utf-8")
    executed.unlink()
    return html
