"""The ``kinerja-sim`` command line.

Each sub-command lives in the module that owns its domain and exposes
``register(subparsers)``, which adds its parser and sets ``func`` (taking the parsed
arguments and returning an exit code). Bad input prints one line to stderr and exits 2;
never a traceback.
"""
from __future__ import annotations

import argparse
import importlib
import sys

__all__ = ["main"]

# Modules that contribute sub-commands, in the order they appear in --help.
_COMMANDS = [
    "kinerja_sim.dataset",
    "kinerja_sim.rules.cli",
    "kinerja_sim.byod.cli",
    "kinerja_sim.policy.cli",
]


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line and exits 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kinerja-sim", description="Simulasi dan pelatihan penilaian kinerja ASN.")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in _COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (ValueError, TypeError, KeyError, OSError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"kinerja-sim {args.command}: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kinerja-sim: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
