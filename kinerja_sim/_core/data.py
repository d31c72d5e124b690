"""YAML reading through libyaml when PyYAML has it.

PyYAML's pure-Python parser takes about half a second for the package's own data (the
message catalogue, office kinds, rule files) on every start of the command line and of every
workshop kernel; its C parser (``CSafeLoader``, in PyYAML's wheels) reads the same files
about ten times faster and builds the same plain values. Without libyaml the pure-Python
``SafeLoader`` is used, with the same results.

Examples
--------
>>> safe_load("a: [1, 2]\\nb: teks")
{'a': [1, 2], 'b': 'teks'}
"""
from __future__ import annotations

import yaml

__all__ = ["SafeLoader", "safe_load"]

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text):
    """Like ``yaml.safe_load`` (plain values only), through libyaml when available."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
