"""Policy scenarios: a frozen description of the rules and interventions to simulate.

A :class:`Scenario` names a rule set (a built-in name or a YAML file) with optional
changes to it, whether the distribution curve is enforced, who rates (the supervisor
alone or with peers and subordinates), the share of raters given frame-of-reference
training, whether a calibration committee (Tim Penilai Kinerja) meets, how the
organisation predicates are set, and the TPP mapping used to price the result.
A scenario is a changed copy of another (``scenario.replace(trained_share=0.5)``).

A study file (YAML) holds a ``baseline`` and a list of ``scenarios``, each a set of
changes to the baseline; see ``notebooks/scenarios/contoh.yaml``.

Examples
--------
>>> base = Scenario()
>>> base.name, base.enforce_curve, base.raters
('praktik-saat-ini', False, 'praktik')
>>> trained = base.replace(name="pelatihan", trained_share=0.5)
>>> trained.trained_share, base.trained_share
(0.5, 0.0)
>>> Scenario(trained_share=1.5)
Traceback (most recent call last):
...
ValueError: trained_share must be between 0.0 and 1.0, got 1.5
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from kinerja_sim._core.data import SafeLoader, data_path, parse_yaml, read_text
from kinerja_sim._core.i18n import t
from kinerja_sim._core.validate import (
    check_bool,
    check_choice,
    check_fraction,
    check_int,
    check_number,
)
from kinerja_sim.raters import PRESETS, RaterPopulation, kept_floor
from kinerja_sim.rules import ORGANISATION_PREDICATES, PREDICATES, from_mapping, load, read_spec
from kinerja_sim.world.truth import TRUTH

__all__ = [
    "CALIBRATION_REFERENCES",
    "DEFAULT_TPP",
    "Scenario",
    "Study",
    "StudyFileError",
    "load_scenario",
    "load_study",
    "scenario_from_mapping",
    "scenario_presets",
]

#: Regimes the policy simulation runs (the national path; the small world: 6/2022 only).
REGIMES_SIMULATED = ("permenpanrb-6-2022", "pp-46-2011", "pp-30-2019")
# Example TPP mapping (ASSUMPTION: TPP is set by each regional head's regulation; there is
# no national table, SPEC 2.1): share of the base TPP paid for each predicate.
CALIBRATION_REFERENCES = ("evidence", "kabupaten")
DEFAULT_TPP = {
    "Sangat Baik": 1.0,
    "Baik": 1.0,
    "Butuh Perbaikan": 0.8,
    "Kurang/Misconduct": 0.6,
    "Sangat Kurang": 0.4,
}
DEFAULT_TPP_BASE = 2_500_000.0  # Rupiah per employee per month (ASSUMPTION, an example)


@dataclass(frozen=True)
class Scenario:
    """One policy scenario; every field has a default, so ``Scenario()`` is the status quo.

    The status quo ("praktik-saat-ini") is current practice: PermenPAN-RB 6/2022, the
    supervisors rate like Indonesian supervisors do (``raters="praktik"``, the
    administrative floor), and the distribution curve is not applied, as the national
    figures show (README, "Validasi"). The curve, training, calibration committees and
    360-degree raters are policy options.

    Parameters
    ----------
    name : str
        Short name used in tables and plots.
    rules : str
        A built-in rule set (``permenpanrb-6-2022``, ``pp-46-2011``, ``pp-30-2019``) or the
        path of a rule YAML file of one of these regimes. The older regimes score a final
        value (``kinerja_sim.policy.scored`` translates the world's 1–5 scores) and have no
        curve; their TPP and angka kredit follow the ``outcomes`` mapping of their rule file
        (each category as the 6/2022 predicate of the same rank, ASSUMPTION).
    rule_changes : mapping
        Changes merged into the rule description before it is checked, e.g.
        ``{"score_to_rating": {"thresholds": {"di_atas": 3.75}}}``.
    enforce_curve : bool
        Apply the distribution curve of each office's organisation predicate (a policy
        option; default False, as in practice).
    raters : str or RaterPopulation
        Population of the supervisors' biases: a name in ``kinerja_sim.raters.PRESETS``
        (default ``"praktik"``, current practice),
        or a population such as the one ``kinerja_sim.byod.fit.fit_simulation`` estimates from a
        region's own appraisal export.
    raters_per_employee : int
        1 = the supervisor alone; k > 1 = the supervisor and k − 1 peers and subordinates
        (population ``multisource``, with the supervisors' floor as
        ``kinerja_sim.raters.FLOOR_RESPONSE["multisource"]`` says) whose BerAKHLAK scores are
        averaged with the supervisor's (360 degrees). Hasil Kerja stays the supervisor's judgement.
    trained_share : float
        Share of raters given frame-of-reference training (``kinerja_sim.raters.train``;
        the floor stays as ``FLOOR_RESPONSE["training"]`` says).
    calibration : bool
        A calibration committee (Tim Penilai Kinerja) reviews each rater's scores and
        removes ``calibration_strength`` of the gap between the rater's mean score and a
        reference (ASSUMPTION): see ``calibration_reference``; afterwards each score may
        fall to the rater's floor kept by ``FLOOR_RESPONSE["calibration"]``.
    calibration_strength : float
        Share of a rater's mean deviation removed by the committee (0 to 1).
    calibration_reference : {"evidence", "kabupaten"}
        What the committee compares a rater's mean with. ``"evidence"`` (default): the
        mean documented result of the rater's own team (true performance seen through
        documentation with error ``engine.DOCUMENTATION_SD``), so lenient raters come
        down and strong teams keep their lead. ``"kabupaten"``: the mean of all scores in
        the kabupaten (norm-referenced), which also erases real differences between teams.
    organisation : str or mapping
        ``"truth"`` (the predicate follows the office's true results, as in
        ``kinerja_sim.world.offices``), one organisation predicate for every office, or a
        mapping predicate -> share drawn at random.
    periods : int
        Evaluation periods in the year (evidence the rater sees).
    evidence_noise : float
        Multiplies the period fluctuation and the yearly trend of the evidence; 0 means
        the rater sees the true annual performance (ASSUMPTION, a what-if lever).
    true_mean : float
        Mean true performance on the 1–5 scale (``kinerja_sim.world.truth.TRUTH["mean"]``,
        ASSUMPTION): it sets the share of employees truly below expectation
        (``kinerja_sim.policy.assumptions``). National path only.
    tpp : mapping
        Share of the base TPP paid for each predicate (example default, ASSUMPTION).
    tpp_base : float
        Base TPP in Rupiah per employee per month.
    """

    name: str = "praktik-saat-ini"
    rules: str = "permenpanrb-6-2022"
    rule_changes: Mapping = field(default_factory=dict)
    enforce_curve: bool = False
    raters: str | RaterPopulation = "praktik"
    raters_per_employee: int = 1
    trained_share: float = 0.0
    calibration: bool = False
    calibration_strength: float = 0.5
    calibration_reference: str = "evidence"
    organisation: str | Mapping = "truth"
    periods: int = 4
    evidence_noise: float = 1.0
    true_mean: float = TRUTH["mean"]
    tpp: Mapping = field(default_factory=lambda: dict(DEFAULT_TPP))
    tpp_base: float = DEFAULT_TPP_BASE

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise TypeError(f"name must be a non-empty text, got {self.name!r}")
        if _NAME_BAD.search(self.name) or self.name in (".", ".."):
            raise ValueError(
                f"name must be a name, not a path (no '/', '\\', '..' or leading '.'), "
                f"got {self.name!r}"
            )
        if not isinstance(self.rules, str):
            raise TypeError(f"rules must be a rule set name or a file path, got {self.rules!r}")
        if not isinstance(self.rule_changes, Mapping):
            raise TypeError(
                f"rule_changes must be a mapping of rule fields, got {self.rule_changes!r}"
            )
        check_bool("enforce_curve", self.enforce_curve)
        check_bool("calibration", self.calibration)
        if not isinstance(self.raters, RaterPopulation):
            check_choice("raters", self.raters, PRESETS)
        _set(
            self,
            "raters_per_employee",
            check_int("raters_per_employee", self.raters_per_employee, minimum=1, maximum=10),
        )
        _set(self, "trained_share", check_fraction("trained_share", self.trained_share))
        _set(
            self,
            "calibration_strength",
            check_fraction("calibration_strength", self.calibration_strength),
        )
        check_choice("calibration_reference", self.calibration_reference, CALIBRATION_REFERENCES)
        _set(self, "periods", check_int("periods", self.periods, minimum=2, maximum=12))
        _set(
            self,
            "evidence_noise",
            check_number("evidence_noise", self.evidence_noise, minimum=0, maximum=5),
        )
        _set(self, "true_mean", check_number("true_mean", self.true_mean, minimum=2, maximum=4))
        _set(self, "tpp_base", check_number("tpp_base", self.tpp_base, minimum=0))
        _set(self, "tpp", _check_tpp(self.tpp))
        _set(self, "organisation", _check_organisation(self.organisation))
        regime = self.rule_spec.get("regime")
        if regime not in REGIMES_SIMULATED:
            raise ValueError(
                f"rules must be a rule set of regime {', '.join(map(repr, REGIMES_SIMULATED))}, "
                f"got {self.rules!r} of regime {regime!r}"
            )
        if regime != "permenpanrb-6-2022" and self.enforce_curve:
            raise ValueError(
                "enforce_curve applies to regime 'permenpanrb-6-2022' only "
                "(the distribution curve); "
                f"rules {self.rules!r} are of regime {regime!r}, which has no curve"
            )
        self.rule_set  # noqa: B018 - validate the (changed) rule set now, not inside a worker

    def __hash__(self):
        return hash((self.name, self.rules, repr(self.to_dict())))

    @property
    def rater_population(self) -> RaterPopulation:
        """The supervisors' population: the preset named by ``raters``, or ``raters`` itself."""
        return self.raters if isinstance(self.raters, RaterPopulation) else PRESETS[self.raters]

    @property
    def categories(self) -> tuple:
        """The labels a person can get under the rules, best first (predicates or categories)."""
        return tuple(getattr(self.rule_set, "labels", PREDICATES))

    @property
    def coefficients(self) -> dict:
        """Annual angka kredit coefficient per jenjang: PermenPAN-RB 1/2023 (the 6/2022 rule file).

        The older regimes use them through their ``outcomes`` mapping (ASSUMPTION, rule files).
        """
        if hasattr(self.rule_set, "ak_coefficients"):
            return self.rule_set.ak_coefficients
        return load("permenpanrb-6-2022").ak_coefficients

    @property
    def supervisor_population(self) -> RaterPopulation:
        """The supervisors as they rate in this scenario: ``rater_population``, whose floor a
        calibration committee lowers to its ``floor_response["calibration"]`` of its height
        (``kinerja_sim.raters.FLOOR_RESPONSE``, ``kinerja_sim.raters.kept_floor``): supervisors
        who know the committee checks their scores against the documented results give the
        low scores the documents support."""
        population = self.rater_population
        kept = population.floor_response["calibration"] if self.calibration else 1.0
        return _with_floor(population, kept)

    @property
    def peer_population(self) -> RaterPopulation:
        """Peers and subordinates of the 360-degree option: ``PRESETS["multisource"]`` with the
        supervisors' floor (``supervisor_population``) kept by their
        ``floor_response["multisource"]``;
        peers respond to training and calibration as the supervisors do."""
        supervisors = self.supervisor_population
        peers = dataclasses.replace(
            PRESETS["multisource"],
            training_factors=supervisors.training_factors,
            floor_response=supervisors.floor_response,
        )
        if supervisors.mean.floor <= 0:
            return peers
        floor = dataclasses.replace(peers.mean, floor=supervisors.mean.floor)
        spread = {**peers.spread, "floor": supervisors.spread.get("floor", 0.0)}
        return _with_floor(
            dataclasses.replace(peers, name=f"{peers.name}+lantai", mean=floor, spread=spread),
            supervisors.floor_response["multisource"],
        )

    @cached_property
    def rule_spec(self) -> dict:
        """The rule description with ``rule_changes`` merged in (unchecked)."""
        return _merge(read_spec(self.rules), self.rule_changes)

    @cached_property
    def rule_set(self):
        """The rule set (``kinerja_sim.rules``), checked; a bad change names the field."""
        try:
            return from_mapping(self.rule_spec)
        except ValueError as error:
            raise ValueError(
                f"scenario {self.name!r}: rules {self.rules!r} with rule_changes: {error}"
            ) from None

    def replace(self, **changes) -> Scenario:
        """A changed copy (``dataclasses.replace``), validated again."""
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        """The fields as plain Python values (what a study file holds)."""
        return {f.name: copy.deepcopy(getattr(self, f.name)) for f in dataclasses.fields(self)}


def _with_floor(population: RaterPopulation, kept: float) -> RaterPopulation:
    """``population`` with its floor (mean and spread) kept by the share ``kept`` of its height."""
    if kept == 1.0 or population.mean.floor <= 0:
        return population
    mean = dataclasses.replace(
        population.mean, floor=round(float(kept_floor(population.mean.floor, kept)), 12)
    )
    spread = {**population.spread}
    if "floor" in spread:
        spread["floor"] = spread["floor"] * kept
    return dataclasses.replace(population, mean=mean, spread=spread)


def _set(obj, name, value):
    object.__setattr__(obj, name, value)


def _check_tpp(tpp) -> dict:
    if not isinstance(tpp, Mapping):
        raise TypeError(f"tpp must map each predicate to a share of the base TPP, got {tpp!r}")
    missing = [p for p in PREDICATES if p not in tpp]
    unknown = [p for p in tpp if p not in PREDICATES]
    if missing or unknown:
        raise ValueError(
            f"tpp must give a share for exactly the predicates {', '.join(PREDICATES)}; "
            f"missing {missing or 'none'}, unknown {unknown or 'none'}"
        )
    return {p: check_number(f"tpp[{p!r}]", tpp[p], minimum=0, maximum=10) for p in PREDICATES}


def _check_organisation(value):
    if isinstance(value, str):
        return check_choice("organisation", value, ("truth", *ORGANISATION_PREDICATES))
    if not isinstance(value, Mapping):
        raise TypeError(
            f"organisation must be 'truth', an organisation predicate or a mapping of shares, "
            f"got {value!r}"
        )
    unknown = [k for k in value if k not in ORGANISATION_PREDICATES]
    if unknown:
        raise ValueError(
            f"organisation has unknown predicate(s) {unknown}; expected some of "
            f"{', '.join(ORGANISATION_PREDICATES)}"
        )
    shares = {k: check_fraction(f"organisation[{k!r}]", value[k]) for k in value}
    if abs(sum(shares.values()) - 1) > 1e-6:
        raise ValueError(f"organisation shares must sum to 1, got {sum(shares.values()):g}")
    return shares


def _merge(base: dict, changes: Mapping) -> dict:
    """``base`` with ``changes`` merged in, nested mappings merged key by key."""
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


_FIELDS = {f.name for f in dataclasses.fields(Scenario)}
_FIELD_ORDER = [f.name for f in dataclasses.fields(Scenario)]


class StudyFileError(ValueError):
    """Every problem of a study or scenario file at once, each with its line where known.

    ``problems`` holds the lines of the message (Bahasa Indonesia by default, from the
    message catalogue), ``str(error)`` names the file and lists them.
    """

    def __init__(self, source, problems):
        self.source, self.problems = str(source), list(problems)
        if len(self.problems) == 1:  # one problem: one line
            super().__init__(f"{source}: {self.problems[0]}")
            return
        head = t("analyst.study.problems", source=source, count=len(self.problems))
        super().__init__(head + "".join(f"\n  {p}" for p in self.problems))


def _key_lines(text: str) -> dict:
    """Line (1-based) of every key and list item of a YAML text, by path:
    ``("scenarios", 0, "name")``."""
    import yaml

    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError:
        return {}
    lines = {}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*path, key.value)
                lines[here] = key.start_mark.line + 1
                walk(value, here)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[(*path, i)] = item.start_mark.line + 1
                walk(item, (*path, i))

    if root is not None:
        walk(root, ())
    return lines


def _suggest(name, choices) -> str:
    """`` maksud Anda 'x'?`` for the closest choice (difflib), or nothing."""
    close = difflib.get_close_matches(str(name), list(choices), n=1, cutoff=0.6)
    return t("analyst.study.did_you_mean", choice=close[0]) if close else ""


class _Problems:
    """Collects the problems of one file, each prefixed with its line and place; ``items`` are
    in the order of the file's lines."""

    def __init__(self, lines=None):
        self.lines, self._found = lines or {}, []

    @property
    def items(self) -> list:
        return [text for _, _, text in sorted(self._found, key=lambda p: (p[0], p[1]))]

    def add(self, path, message):
        line = next(
            (self.lines[path[:k]] for k in range(len(path), 0, -1) if path[:k] in self.lines),
            None,
        )
        place = _place(path)
        where = t("analyst.study.at_line", line=line) if line else ""
        prefix = ", ".join(p for p in (where, place) if p)
        text = f"{prefix}: {message}" if prefix else message
        self._found.append((line or 0, len(self._found), text))


def _place(path) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _field_problem(key, value, error) -> str:
    """A scenario field's value refused: in the catalogue's language, with what is expected."""
    expected = t(f"analyst.expected.{key}")
    detail = f" ({error})" if key in ("rules", "rule_changes") else ""
    if key == "rules" and isinstance(value, str):
        detail += _suggest(value, REGIMES_SIMULATED)
    elif key in ("raters", "calibration_reference") and isinstance(value, str):
        detail += _suggest(value, PRESETS if key == "raters" else CALIBRATION_REFERENCES)
    return t("analyst.study.bad_value", field=key, value=_short(value), expected=expected) + detail


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _scenario_problems(mapping, base, path, problems: _Problems):
    """The scenario ``base`` changed by ``mapping``, or None after adding every problem found."""
    if not isinstance(mapping, Mapping):
        problems.add(path, t("analyst.study.not_mapping"))
        return None
    before = len(problems.items)
    for key in mapping:
        if key not in _FIELDS:
            message = t("analyst.study.unknown_field", field=key) + _suggest(key, _FIELD_ORDER)
            problems.add((*path, key), message)
    known = {k: v for k, v in mapping.items() if k in _FIELDS}
    for key, value in known.items():
        try:
            dataclasses.replace(base, **{key: value})
        except (TypeError, ValueError, OSError) as error:
            problems.add((*path, key), _field_problem(key, value, error))
    if len(problems.items) > before:
        return None
    try:
        return dataclasses.replace(base, **known)
    except (TypeError, ValueError, OSError) as error:
        if known.get("enforce_curve", base.enforce_curve) and "enforce_curve" in str(error):
            problems.add(
                path, t("analyst.study.curve_regime", rules=known.get("rules", base.rules))
            )
        else:
            problems.add(path, t("analyst.study.combination", error=error))
        return None


def scenario_from_mapping(
    mapping, *, base: Scenario | None = None, where: str = "scenario"
) -> Scenario:
    """A scenario from a plain mapping (as read from YAML): ``base`` changed by its fields.

    Every problem is reported at once, in the catalogue's language: a field that is not a
    scenario field (with the closest field name, "maksud Anda"), and each value refused.

    Examples
    --------
    >>> scenario_from_mapping({"name": "tanpa-kurva", "enforce_curve": False}).enforce_curve
    False
    >>> scenario_from_mapping({"curve": False, "trained_sahre": 1})
    Traceback (most recent call last):
    ...
    kinerja_sim.policy.scenario.StudyFileError: scenario: 2 masalah:
      curve: isian 'curve' tidak dikenal
      trained_sahre: isian 'trained_sahre' tidak dikenal; maksud Anda 'trained_share'?
    """
    problems = _Problems()
    scenario = _scenario_problems(mapping, base or Scenario(), (), problems)
    if problems.items:
        raise StudyFileError(where, problems.items)
    return scenario


@dataclass(frozen=True)
class Study:
    """A study file: its ``name``, ``title``, the ``scenarios`` to compare and how to run them.

    ``rng`` is the seed the study is run with (``compare(..., rng=study.rng)``); the file
    names it ``seed:``.
    """

    name: str
    title: str
    scenarios: tuple[Scenario, ...]
    employees: int = 20_000
    replications: int = 5
    rng: int = 2024


_STUDY_FIELDS = ("name", "title", "employees", "replications", "seed", "baseline", "scenarios")
_STUDY_ONLY = ("title", "baseline", "scenarios", "replications", "seed", "employees")
#: Run settings of a study: name -> (default, minimum, maximum). Two replications at least:
#: with one there is no interval and every effect would read "not clearly different".
_STUDY_NUMBERS = {
    "employees": (20_000, 100, 10_000_000),
    "replications": (5, 2, 1000),
    "seed": (2024, 0, None),
}


def load_study(path) -> Study:
    """Read and check a study file (YAML): baseline, scenarios (changes to it) and run settings.

    Raises
    ------
    StudyFileError
        A ``ValueError`` listing every problem of the file at once, each with its line, in the
        catalogue's language (Bahasa Indonesia by default), with "maksud Anda" for a misspelt
        field.
    """
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    spec = parse_yaml(text, source=path)
    problems = _Problems(_key_lines(text))
    if not isinstance(spec, Mapping):
        problems.add((), t("analyst.study.not_study", fields=", ".join(_STUDY_FIELDS)))
        raise StudyFileError(path, problems.items)
    for key in spec:
        if key not in _STUDY_FIELDS:
            message = t("analyst.study.unknown_field", field=key) + _suggest(key, _STUDY_FIELDS)
            problems.add((key,), message)
    study = _study(spec, path, problems)
    if problems.items:
        raise StudyFileError(path, problems.items)
    return study


def _check_name(name, path, problems) -> None:
    """A name is a name: no folder separators and no ``..`` (report files are named after it)."""
    if isinstance(name, str) and name and not _NAME_BAD.search(name) and name not in (".", ".."):
        return
    problems.add(path, t("analyst.study.bad_name", name=_short(name)))


_NAME_BAD = re.compile(r"[/\\\x00]|^\.|\.\.")


def _study(spec, path, problems) -> Study | None:
    rules_base = path.parent
    numbers = {}
    for key, (default, low, high) in _STUDY_NUMBERS.items():
        value = spec.get(key, default)
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or value < low
            or (high is not None and value > high)
        ):
            bounds = t("analyst.study.range", low=low, high=high) if high else f">= {low}"
            message = t(f"analyst.study.bad_{key}", value=_short(value), bounds=bounds)
            problems.add((key,), message)
        numbers[key] = value
    name = spec.get("name", path.stem)
    _check_name(name, ("name",), problems)
    baseline_fields = spec.get("baseline") or {}
    baseline = _scenario_problems(
        _resolve(baseline_fields, rules_base), Scenario(), ("baseline",), problems
    )
    entries = spec.get("scenarios") or []
    if not isinstance(entries, list):
        problems.add(("scenarios",), t("analyst.study.scenarios_list"))
        entries = []
    scenarios = [baseline]
    for i, entry in enumerate(entries):
        if isinstance(entry, Mapping) and "name" not in entry:
            problems.add(("scenarios", i), t("analyst.study.needs_name"))
        scenarios.append(
            _scenario_problems(
                _resolve(entry, rules_base), baseline or Scenario(), ("scenarios", i), problems
            )
        )
    for i, scenario in enumerate(scenarios):
        if scenario is not None:
            _check_name(
                scenario.name, ("scenarios", i - 1, "name") if i else ("baseline", "name"), problems
            )
    names = [s.name for s in scenarios if s is not None]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        problems.add(("scenarios",), t("analyst.study.same_names", names=", ".join(twice)))
    if problems.items:
        return None
    return Study(
        name=str(name),
        title=str(spec.get("title") or name),
        scenarios=tuple(scenarios),
        employees=numbers["employees"],
        replications=numbers["replications"],
        rng=numbers["seed"],
    )


def _resolve(entry, folder: Path):
    """A rule file named relative to the study file is found beside it."""
    if (
        isinstance(entry, Mapping)
        and isinstance(entry.get("rules"), str)
        and entry["rules"].endswith((".yaml", ".yml"))
        and not Path(entry["rules"]).is_absolute()
    ):
        return {**entry, "rules": str(folder / entry["rules"])}
    return entry


def scenario_presets() -> tuple[str, ...]:
    """Names of the scenario files shipped in ``kinerja_sim/data/scenarios``."""
    folder = data_path("scenarios")
    return tuple(
        sorted(
            entry.name.removesuffix(".yaml")
            for entry in folder.iterdir()
            if entry.name.endswith(".yaml")
        )
    )


def load_scenario(name_or_path) -> Scenario:
    """A scenario from a shipped preset name or a YAML file of scenario fields.

    Examples
    --------
    >>> load_scenario("latih-semua").trained_share
    1.0
    """
    if isinstance(name_or_path, str) and name_or_path in scenario_presets():
        text = read_text("scenarios", f"{name_or_path}.yaml")
        source, folder = name_or_path, Path(".")
    else:
        path = Path(name_or_path)
        if not path.is_file():
            presets = scenario_presets()
            raise FileNotFoundError(
                t("analyst.scenario.missing", name=name_or_path, presets=", ".join(presets))
                + _suggest(name_or_path, presets)
            )
        text, source, folder = path.read_text(encoding="utf-8"), str(path), path.parent
    fields = parse_yaml(text, source=source) or {}
    if isinstance(fields, Mapping) and any(k in fields for k in ("baseline", "scenarios", "title")):
        raise ValueError(t("analyst.scenario.is_study", source=source))
    problems = _Problems(_key_lines(text))
    scenario = _scenario_problems(_resolve(fields, folder), Scenario(), (), problems)
    if problems.items:
        raise StudyFileError(source, problems.items)
    return scenario
