"""The package's own data files, and YAML reading through libyaml when PyYAML has it.

Everything that is data rather than code (rule sets, BerAKHLAK guides, incident templates,
word lists, the message catalogue) lives in ``kinerja_sim/data/`` (rule files in
``kinerja_sim/rules/``) and is read through :func:`data_path`, :func:`read_text` and
:func:`read_yaml`: one loader, on ``importlib.resources``, so the files are found in a
checkout, an editable install and a wheel alike.

PyYAML's pure-Python parser takes about half a second for the package's own data (the
message catalogue, office kinds, rule files) on every start of the command line and of every
workshop kernel; its C parser (``CSafeLoader``, in PyYAML's wheels) reads the same files
about ten times faster and builds the same plain values. Without libyaml the pure-Python
``SafeLoader`` is used, with the same results.

Examples
--------
>>> safe_load("a: [1, 2]\\nb: teks")
{'a': [1, 2], 'b': 'teks'}
>>> sorted(read_yaml("office_kinds.yaml"))
['default_composition', 'kabupaten', 'kinds']
>>> read_text("berakhlak.csv").splitlines()[0]
'nilai,urutan,panduan_perilaku'
"""

from __future__ import annotations

from importlib import resources

import yaml

__all__ = ["SafeLoader", "data_path", "parse_yaml", "read_text", "read_yaml", "safe_load"]

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text):
    """Like ``yaml.safe_load`` (plain values only), through libyaml when available."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


def data_path(*parts: str, package: str = "kinerja_sim"):
    """The packaged file ``data/<parts>`` (a ``Traversable``; ``package="kinerja_sim.rules"``
    and no ``data/`` for the rule files)."""
    root = resources.files(package)
    if package == "kinerja_sim":
        root = root / "data"
    for part in parts:
        root = root / part
    return root


def read_text(*parts: str, package: str = "kinerja_sim") -> str:
    """The text of a packaged data file (UTF-8)."""
    return data_path(*parts, package=package).read_text(encoding="utf-8")


def read_yaml(*parts: str, package: str = "kinerja_sim"):
    """A packaged YAML file as plain values."""
    return safe_load(read_text(*parts, package=package))


def parse_yaml(text: str, *, source):
    """YAML text as plain values, or ValueError naming ``source`` and the line of the problem.

    The one place where a user's YAML file (a rule set, a scenario, a study) is parsed, so
    every file reader reports a broken file the same way.

    >>> parse_yaml("a: [1", source="contoh.yaml")
    Traceback (most recent call last):
    ...
    ValueError: contoh.yaml: not a readable YAML file (... at line 2, column 1)
    """
    try:
        return safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or type(error).__name__
        raise ValueError(f"{source}: not a readable YAML file ({problem}{where})") from None
