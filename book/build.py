"""Build the curriculum as a static site: `make book` (or ``python book/build.py --out DIR``).

The ten lessons of ``notebooks/`` (00–09) are copied to a temporary folder, run there top to
bottom in a clean kernel against a throw-away progress store, and handed with an index page in
Bahasa Indonesia to MkDocs (theme Material, plugin mkdocs-jupyter, built-in lunr search). The
result is a folder of static HTML that a facilitator reads, searches and prints without running
anything, and that loads nothing from another host.

Widgets cannot run without a kernel, and the html-manager bundle that would replay their saved
state is not shipped offline; so every widget output is replaced by a note (catalogue key
``book.widget_note``) saying the part needs the running kit.

Tool choice: MkDocs + mkdocs-jupyter are pure Python and build offline from the pinned wheels;
Jupyter Book 2 runs on Node and may fetch its theme at build time.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
BOOK = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from kinerja_sim._core.i18n import t  # noqa: E402

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
LESSON_PATTERN = re.compile(r"^0\d_.+\.ipynb$")
# A cell that does not answer within the timeout is run again once, from a fresh kernel (the
# lessons are seeded, so the page is the same): on this 2-core machine under load an ipykernel 7
# kernel now and then stops answering an execute request and sits idle (seen twice in the first
# builds: lessons 03 and 08, each fine alone, with the kernel idle and the client waiting; known
# as jupyter/nbclient#312, "when cell contains ipywidget, execute cell will sometimes block",
# still open). A real error in a cell is never retried.
RETRIES = 1
# Small sizes for the book, through the parameters cell a lesson already has. Lesson 07 by default
# simulates 4 x 10 000 staff per scenario and a 200 000-strong national run; a site only has to
# show the tables and figures, not their precision (the printed page says which sizes were used:
# papermill adds the "injected-parameters" cell).
SMALL_SIZES = {
    "07_simulasi_kebijakan.ipynb": {
        "employees": 2000,
        "replications": 2,
        "national_employees": 20000,
    },
}
# A request leaves the computer when a page loads a script, style, image or frame from a URL
# with a scheme (or a protocol-relative //host); links a reader may click are not requests.
EXTERNAL = re.compile(
    r"""<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["']((?:https?:)?//[^"']+)"""
    r"""|<link\b[^>]*\bhref=["']((?:https?:)?//[^"']+)"""
    r"""|\bimport\(\s*["']((?:https?:)?//[^"']+)""",
    re.IGNORECASE,
)


def lessons(folder: Path = ROOT / "notebooks") -> list[Path]:
    """The lesson notebooks of ``folder`` (00_… to 09_…), in curriculum order."""
    return sorted(p for p in folder.iterdir() if LESSON_PATTERN.match(p.name))


def title(notebook: nbformat.NotebookNode, fallback: str) -> str:
    """The lesson's first level-1 heading, or ``fallback``."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def execute(
    path: Path, *, timeout: int = 150, parameters: dict | None = None
) -> nbformat.NotebookNode:
    """Run the notebook at ``path`` in place, in its own folder and its own process, so one
    lesson's kernel or threads cannot hold up the next; an error in a cell stops the build.

    With ``parameters`` papermill first adds an "injected-parameters" cell after the lesson's cell
    tagged ``parameters`` (the mechanism the lesson offers for its reports).
    """
    if parameters:
        from papermill.parameterize import parameterize_notebook

        notebook = nbformat.read(path, as_version=4)
        notebook.metadata.setdefault("papermill", {})  # what papermill's own run adds first
        for cell in notebook.cells:
            cell.metadata.setdefault("tags", [])
        nbformat.write(parameterize_notebook(notebook, parameters), path)
    command = [
        sys.executable,
        "-m",
        "nbconvert",
        "--to",
        "notebook",
        "--execute",
        "--inplace",
        f"--ExecutePreprocessor.timeout={timeout}",
        "--ExecutePreprocessor.kernel_name=python3",
        # Kernel and client talk over sockets files in the temporary folder, one set per lesson,
        # not TCP ports: no port picked for one kernel can be taken by another process.
        "--KernelManager.transport=ipc",
        f"--KernelManager.ip={path.parent / ('.kernel-' + path.stem[:2])}",
        str(path),
    ]
    for attempt in range(1 + RETRIES):
        try:
            done = subprocess.run(
                command, cwd=path.parent, capture_output=True, text=True, timeout=4 * timeout
            )
        except subprocess.TimeoutExpired:
            raise RuntimeError(
                t("book.execute_failed", name=path.name, problem="timeout")
            ) from None
        if done.returncode == 0:
            break
        timed_out = "CellTimeoutError" in done.stderr or "timed out" in done.stderr
        if not (timed_out and attempt < RETRIES):
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            problem = lines[-1] if lines else f"exit code {done.returncode}"
            raise RuntimeError(t("book.execute_failed", name=path.name, problem=problem))
    return nbformat.read(path, as_version=4)


def replace_widgets(notebook: nbformat.NotebookNode, note: str) -> int:
    """Replace every widget output by the note; drop the saved widget state. Returns the count."""
    block = f'<div class="widget-catatan" role="note">{html.escape(note)}</div>'
    replaced = 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if WIDGET_MIME in output.get("data", {}):
                output["data"] = {"text/html": block, "text/plain": note}
                replaced += 1
    notebook.metadata.pop("widgets", None)
    return replaced


def index_page(titles: dict[str, str]) -> str:
    """The site's front page in Bahasa Indonesia: what the site is, search, print, the lessons."""
    items = "\n".join(f"{n}. [{name}]({page})" for n, (page, name) in enumerate(titles.items(), 1))
    return "\n\n".join(
        [
            f"# {t('book.index_title', lang='id')}",
            t("book.index_intro", lang="id"),
            t("book.index_widgets", lang="id", note=t("book.widget_note", lang="id")),
            f"- {t('book.index_search', lang='id')}\n- {t('book.index_print', lang='id')}",
            f"## {t('book.index_lessons', lang='id')}",
            items,
            "",
        ]
    )


def external_requests(site: Path) -> list[tuple[str, str]]:
    """Every (page, URL) of the built site that would load something from another host."""
    found = []
    for page in sorted(site.rglob("*.html")):
        for match in EXTERNAL.finditer(page.read_text(encoding="utf-8")):
            url = next(group for group in match.groups() if group)
            found.append((str(page.relative_to(site)), url))
    return found


def _environment(work: Path) -> dict[str, str]:
    """The lessons run against a throw-away progress store and export folder, in Indonesian."""
    return {
        "KINERJA_SIM_PROGRESS": str(work / "progress.sqlite"),
        "KINERJA_SIM_EXPORTS": str(work / "ekspor"),
        "KINERJA_SIM_LANG": "id",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }


def build(
    out: Path, *, notebooks: Path = ROOT / "notebooks", timeout: int = 150, jobs: int = 2
) -> dict:
    """Build the site into ``out`` (replaced if it exists). Returns what was built."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    started = time.monotonic()
    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="kinerja-book-") as temporary:
        work = Path(temporary)
        run, docs = work / "run", work / "docs"
        shutil.copytree(notebooks, run, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        docs.mkdir()
        saved = {k: os.environ.get(k) for k in _environment(work)}
        os.environ.update(_environment(work))
        titles, widgets = {}, 0
        try:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                executed = list(
                    pool.map(
                        lambda p: execute(p, timeout=timeout, parameters=SMALL_SIZES.get(p.name)),
                        lessons(run),
                    )
                )
            for path, notebook in zip(lessons(run), executed, strict=True):
                widgets += replace_widgets(notebook, t("book.widget_note", lang="id"))
                nbformat.write(notebook, docs / path.name)
                titles[path.name] = title(notebook, path.stem)
        finally:
            for key, value in saved.items():
                os.environ.pop(key, None) if value is None else os.environ.update({key: value})
        (docs / "index.md").write_text(index_page(titles), encoding="utf-8")
        shutil.copy(BOOK / "book.css", docs / "book.css")
        config = yaml.safe_load((BOOK / "mkdocs.yml").read_text(encoding="utf-8"))
        config.update(
            site_name=t("book.site_name", lang="id"),
            docs_dir=str(docs),
            site_dir=str(out),
            hooks=[str(BOOK / "hooks.py")],
            nav=[{t("book.index_title", lang="id"): "index.md"}]
            + [{name: page} for page, name in titles.items()],
        )
        config_file = work / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        mkdocs_build(load_config(str(config_file)))
    leaks = external_requests(out)
    if leaks:
        raise RuntimeError(t("book.external_request", page=leaks[0][0], url=leaks[0][1]))
    return {
        "out": out,
        "lessons": list(titles),
        "widgets": widgets,
        "seconds": round(time.monotonic() - started, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "book")
    parser.add_argument("--timeout", type=int, default=150, help="seconds per cell")
    parser.add_argument("--jobs", type=int, default=2, help="lessons run at the same time")
    args = parser.parse_args(argv)
    result = build(args.out, timeout=args.timeout, jobs=args.jobs)
    print(
        t(
            "book.built",
            path=result["out"],
            count=len(result["lessons"]),
            seconds=result["seconds"],
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
