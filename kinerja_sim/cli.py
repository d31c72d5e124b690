"""The ``kinerja-sim`` command line.

Each sub-command lives in the module that owns its domain and exposes
``register(subparsers)``, which adds its parser and sets ``func`` (taking the parsed
arguments and returning an exit code). Bad input prints one line to stderr and exits 2;
never a traceback. argparse's own messages ("invalid int value", "the following arguments
are required", "usage:") come from the message catalogue too (``data/messages/cli.yaml``), in
Bahasa Indonesia by default, English with ``KINERJA_SIM_LANG=en``.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kinerja_sim._core.i18n import t

__all__ = ["main"]

# argparse's English messages (its gettext message ids) -> catalogue keys.
_ARGPARSE = {
    "usage: ": "cli.argparse.usage",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error_line",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "the following arguments are required: %s": "cli.argparse.required",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "expected one argument": "cli.argparse.expected_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "one of the arguments %s is required": "cli.argparse.one_of_required",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "ignored explicit argument %r": "cli.argparse.ignored_explicit",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "cli.argparse.unknown_parser",
    "show this help message and exit": "cli.argparse.help",
    "positional arguments": "cli.argparse.positional",
    "options": "cli.argparse.options",
}


def _translate(message: str) -> str:
    """argparse's gettext: its English message in the catalogue's language (unknown ones unchanged).

    Examples
    --------
    >>> _translate("invalid %(type)s value: %(value)r") % {"type": "int", "value": "x"}
    "nilai int tidak sah: 'x'"
    """
    key = _ARGPARSE.get(message)
    return t(key) if key else message


def _ntranslate(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return t("cli.argparse.expected_n")
    return singular if n == 1 else plural


# argparse looks its messages up through these module-level names at the moment it reports.
argparse._ = _translate
argparse.ngettext = _ntranslate

# Modules that contribute sub-commands, in the order they appear in --help.
_COMMANDS = [
    "kinerja_sim.dataset.generation",
    "kinerja_sim.rules.cli",
    "kinerja_sim.byod.cli",
    "kinerja_sim.policy.cli",
    "kinerja_sim.policy.compare_cli",
    "kinerja_sim.pack.cli",
    "kinerja_sim.policy.sensitivity_cli",
]


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line and exits 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {t('cli.error')}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kinerja-sim", description="Simulasi dan pelatihan penilaian kinerja ASN."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name in _COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (
        BrokenPipeError
    ):  # output piped into e.g. `head`, which stopped reading: not an error to report
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (ValueError, TypeError, KeyError, OSError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"kinerja-sim {args.command}: {t('cli.error')}: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"kinerja-sim: {t('cli.interrupted')}", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
