"""Bring your own data: read a real appraisal export safely, analyse it, fit the simulation.

One home for everything that touches data a user brings; imports run one way,
``files, identifiers -> schema -> formats, periods -> checks -> pseudonym -> read -> analysis ->
plots / fit -> cli``:

- :mod:`~kinerja_sim.byod.files`: reading CSV, Excel (.xlsx, .xls) and JSON exports into text rows;
- :mod:`~kinerja_sim.byod.identifiers`: NIP / NI PPPK / NIK / NRP, digits normalised (one
  implementation);
- :mod:`~kinerja_sim.byod.schema`: fields, header and label normalisation;
- :mod:`~kinerja_sim.byod.formats`: format presets of real systems and the user's mapping;
- :mod:`~kinerja_sim.byod.periods`: periodic and annual rows, the annual view;
- :mod:`~kinerja_sim.byod.checks`: row checks and problems;
- :mod:`~kinerja_sim.byod.pseudonym`: keyed pseudonyms (HMAC-SHA256);
- :mod:`~kinerja_sim.byod.read`: :func:`read_appraisals`, the public entry point;
- :mod:`~kinerja_sim.byod.analysis`: distributions per unit, raters against peers and the file,
  units against the rest of the file, curve per unit;
- :mod:`~kinerja_sim.byod.national`: the file's predicate and rating shares beside the nation's;
- :mod:`~kinerja_sim.byod.plots`: figures of the above and of the fit;
- :mod:`~kinerja_sim.byod.fit`: simulated-method-of-moments fit of the rater model, on the
  usable rows of an import (:func:`~kinerja_sim.byod.fit.fit_input`);
- :mod:`~kinerja_sim.byod.cli`: ``kinerja-sim import``.

The plotting and fitting parts (matplotlib, scipy) load only when first used.
"""

from importlib import import_module

# Every name loads with its module on first use, so ``kinerja-sim`` (which registers the
# ``import`` sub-command through ``kinerja_sim.byod.cli``) starts without the readers.
_LAZY = {
    **{
        name: "analysis"
        for name in (
            "CurveChecks",
            "curve_checks",
            "distributions",
            "peer_reference",
            "rater_profiles",
        )
    },
    "Mapping": "formats",
    "load_mapping": "formats",
    "presets": "formats",
    "normalise_identifier": ("identifiers", "normalise"),
    **{
        name: "read"
        for name in (
            "DATA_COLUMNS",
            "RATING_CODES",
            "AnnualView",
            "Appraisals",
            "NotApplicable",
            "example_path",
            "new_key",
            "read_appraisals",
            "read_key",
        )
    },
    "plot_distributions": "plots",
    "plot_fit": "plots",
    "plot_rater_leniency": "plots",
    "plot_units": "plots",
    "unit_profiles": "analysis",
    "national_comparison": "national",
    "FitResult": "fit",
    "fit_simulation": "fit",
    "fit_input": "fit",
}

__all__ = [
    "DATA_COLUMNS",
    "RATING_CODES",
    "AnnualView",
    "Appraisals",
    "CurveChecks",
    "FitResult",
    "Mapping",
    "NotApplicable",
    "curve_checks",
    "distributions",
    "example_path",
    "fit_input",
    "fit_simulation",
    "load_mapping",
    "national_comparison",
    "new_key",
    "normalise_identifier",
    "peer_reference",
    "plot_distributions",
    "plot_fit",
    "plot_rater_leniency",
    "plot_units",
    "presets",
    "rater_profiles",
    "read_appraisals",
    "read_key",
    "unit_profiles",
]


def __getattr__(name):
    if name in _LAZY:
        module, attribute = _LAZY[name] if isinstance(_LAZY[name], tuple) else (_LAZY[name], name)
        value = getattr(import_module(f"kinerja_sim.byod.{module}"), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kinerja_sim.byod' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
