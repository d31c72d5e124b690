"""Certificates of the workshop, one PDF per trainee, each with a code anyone can check.

A trainee gets a certificate when they submitted at least one answer in the store
(ASSUMPTION: attending the exercises is what the certificate attests; the facilitator can
leave someone out by not exporting them, never add someone who did nothing). It shows:

- the name as the trainee confirmed it
  (:func:`kinerja_sim.training.workshop_info.set_trainee_details`; without a confirmation, the name
  they signed in with), and their NIP when they gave one;
- the workshop's title, organiser, place and dates, and the training hours (JP) the
  facilitator set (:class:`~kinerja_sim.training.workshop_info.WorkshopInfo`);
- the exercises completed (every exercise with at least one answer, with the number of items);
- only when the trainee agreed (``consent``) and finished both tests: their result on the
  day's counterbalanced pre-test and post-test (:mod:`kinerja_sim.training.exercises.prepost`,
  the ``tes_awal_akhir`` view of the dashboard): the reading error of each test, the mean
  absolute distance of their 24 scores from the evidence-based reference score (points on the
  1–5 scale; smaller is more accurate), and its change (pre − post). The figures are rounded to
  two decimals before they are signed, so the code covers exactly what is printed. Without a
  complete post-test (or pre-test) nothing about results is printed, whatever the consent;
- a verification code: HMAC-SHA256 (RFC 2104) of the certificate's canonical fields (JSON,
  sorted keys, NFC text) keyed with the workshop's secret, its first 80 bits written as 16
  characters of Crockford's base32 in four groups (``7K2M-Q9XD-...``): no I, L, O or U, so it
  can be read over the phone; typing O for 0 or I/L for 1 is forgiven. Forging a code
  without the secret means guessing 80 bits.

:func:`verify` looks a typed code up among the certificates issued from the store and
recomputes its HMAC from the stored fields: a code from another workshop (another secret) or
a certificate whose fields were changed does not verify.

Examples
--------
>>> code = certificate_code({"name": "Siti Rahma", "hours": 8}, "rahasia")
>>> len(code), code.count("-")
(19, 3)
>>> normalise_code(code.lower().replace("-", " ")) == code
True
>>> code == certificate_code({"name": "Siti Rahma", "hours": 9}, "rahasia")
False
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kinerja_sim._core.format import date, number
from kinerja_sim._core.i18n import catalogue, t
from kinerja_sim.pack.pdf import Document, clean
from kinerja_sim.training.exercises import prepost
from kinerja_sim.training.progress import ProgressStore, trainee_key
from kinerja_sim.training.workshop_info import (
    TraineeDetails,
    WorkshopInfo,
    issued_certificates,
    load_workshop_info,
    record_issued,
    trainee_details,
)

__all__ = [
    "CODE_LENGTH",
    "Certificate",
    "certificate_code",
    "Verification",
    "canonical_fields",
    "certificates",
    "describe",
    "exercise_label",
    "normalise_code",
    "render_certificate",
    "result_text",
    "verify",
    "write_certificates",
]

CODE_LENGTH = 16  # characters of base32: 80 bits
#: 2: the result is the pre/post test's reading error (1: notebook 02/04 case scores). The
#: version is signed with the fields, so a certificate of either version still verifies.
FORMAT_VERSION = 2
#: Decimals of the printed (and signed) reading errors.
RESULT_DECIMALS = 2
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RFC4648 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_RFC4648, _CROCKFORD)
_TYPED = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


@dataclass(frozen=True)
class Certificate:
    """One trainee's certificate: ``trainee`` (their name in the store), ``fields`` (what is
    printed and signed, see :func:`canonical_fields`) and ``code``."""

    trainee: str
    fields: dict
    code: str

    @property
    def file_name(self) -> str:
        """``sertifikat-<code>.pdf``: no name in the file name (a folder listing shows no one)."""
        return f"sertifikat-{self.code}.pdf"


def _canonical(fields: dict) -> bytes:
    def nfc(value):
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        if isinstance(value, dict):
            return {nfc(k): nfc(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [nfc(v) for v in value]
        return value

    return json.dumps(
        nfc(fields), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")


def certificate_code(fields: dict, secret: str) -> str:
    """The verification code of ``fields`` under ``secret``: 16 Crockford base32 characters."""
    if not isinstance(secret, str) or not secret:
        raise ValueError(t("pack.certificate.no_secret"))
    digest = hmac.new(secret.encode("utf-8"), _canonical(fields), hashlib.sha256).digest()
    text = base64.b32encode(digest[:10]).decode("ascii").translate(_TO_CROCKFORD)
    return "-".join(text[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(text: str) -> str:
    """A typed code in its printed form (case, spaces and dashes ignored; O→0, I/L→1), or ""."""
    if not isinstance(text, str):
        return ""
    plain = text.strip().upper().translate(_TYPED)
    if len(plain) != CODE_LENGTH or any(ch not in _CROCKFORD for ch in plain):
        return ""
    return "-".join(plain[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def exercise_label(exercise: str, lang=None) -> str:
    """The exercise's name in the catalogue (``ui.exercise_name.<id>``, else the pack's own
    ``pack.exercise_name.<id>`` for exercises the dashboard does not name), else its id."""
    for key in (f"ui.exercise_name.{exercise}", f"pack.exercise_name.{exercise}"):
        if key in catalogue():
            return t(key, lang)
    return exercise


def _result(rows: pd.DataFrame) -> dict | None:
    """The trainee's pre-test and post-test reading error (mean absolute distance from the
    reference, points) and the change, rounded as printed; None unless both tests are complete."""
    results = prepost.scored_tests(rows)
    if results.empty:
        return None
    own = prepost.trainee_results(results).iloc[0]
    if not (np.isfinite(own["pre_mae"]) and np.isfinite(own["post_mae"])):
        return None
    pre, post = (
        round(float(own["pre_mae"]), RESULT_DECIMALS),
        round(float(own["post_mae"]), RESULT_DECIMALS),
    )
    return {
        "measure": "mae",
        "pre": pre,
        "post": post,
        "change": round(pre - post, RESULT_DECIMALS) + 0.0,
    }


def result_text(result: dict, *, lang=None) -> str:
    """The certificate's result line (also what ``--verify`` prints)."""
    if "measure" not in result:  # a version-1 certificate: case scores of notebooks 02 and 04
        return t(
            "pack.certificate.result_v1",
            lang,
            pre=number(100 * result["pre"], 0, lang=lang),
            post=number(100 * result["post"], 0, lang=lang),
        )
    change = result["change"]
    key = "fell" if change > 0 else "grew" if change < 0 else "same"
    return t(
        "pack.certificate.result",
        lang,
        pre=number(result["pre"], RESULT_DECIMALS, trim=False, lang=lang),
        post=number(result["post"], RESULT_DECIMALS, trim=False, lang=lang),
        change=t(
            f"pack.certificate.change_{key}",
            lang,
            change=number(abs(change), RESULT_DECIMALS, trim=False, lang=lang),
        ),
    )


def canonical_fields(
    info: WorkshopInfo, trainee: str, details: TraineeDetails | None, rows: pd.DataFrame
) -> dict:
    """What a certificate prints and its code signs (no secret, no answer, no score but the
    consented result)."""
    completed = (
        rows.drop_duplicates(["exercise", "item"])
        .groupby("exercise", sort=True)["item"]
        .size()
        .astype(int)
    )
    consent = bool(details and details.consent)
    return {
        "version": FORMAT_VERSION,
        "name": details.confirmed_name if details else " ".join(clean(trainee).split()),
        "name_confirmed": details is not None,
        "nip": details.nip if details else "",
        **info.public_fields(),
        "exercises": {exercise: int(n) for exercise, n in completed.items()},
        "result": _result(rows) if consent else None,
    }


def certificates(store_path) -> list[Certificate]:
    """The certificate of every trainee with at least one answer in the store, in name order.

    Raises
    ------
    ValueError
        When the facilitator has not set the workshop's information yet.
    """
    info = load_workshop_info(store_path)
    if info is None:
        raise ValueError(t("pack.certificate.no_info", path=store_path))
    answers = ProgressStore(store_path, create=False).answers()
    details = trainee_details(store_path)
    out = []
    for trainee, rows in answers.groupby("trainee", sort=False):
        fields = canonical_fields(info, trainee, details.get(trainee_key(trainee)), rows)
        out.append(Certificate(trainee, fields, certificate_code(fields, info.secret)))
    return sorted(out, key=lambda c: (trainee_key(c.fields["name"]), c.code))


def _dates(fields: dict, lang) -> str:
    start, end = fields["start"], fields["end"]
    if start == end:
        return date(start, lang=lang)
    return t(
        "pack.certificate.date_range", lang, start=date(start, lang=lang), end=date(end, lang=lang)
    )


def render_certificate(certificate: Certificate, *, lang=None) -> Document:
    """The certificate as an fpdf2 document (landscape A4); save it with ``.save(path)``."""
    f = certificate.fields
    pdf = Document(t("pack.certificate.title", lang), landscape=True, lang=lang)
    pdf.add_page()
    pdf.set_line_width(0.8)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.2)
    pdf.ln(8)
    pdf.heading(t("pack.certificate.title", lang).upper(), 26, align="C", gap=4)
    pdf.paragraph(t("pack.certificate.given_to", lang), 12, align="C")
    pdf.heading(f["name"], 22, align="C", gap=1)
    if f["nip"]:
        pdf.paragraph(t("pack.certificate.nip", lang, nip=f["nip"]), 11, align="C")
    pdf.ln(2)
    pdf.paragraph(t("pack.certificate.attended", lang), 12, align="C")
    pdf.heading(f["title"], 16, align="C", gap=1)
    pdf.paragraph(
        t(
            "pack.certificate.held",
            lang,
            organiser=f["organiser"],
            place=f["place"],
            dates=_dates(f, lang),
        ),
        11,
        align="C",
    )
    pdf.paragraph(t("pack.certificate.hours", lang, hours=f["hours"]), 12, align="C", bold=True)
    done = "; ".join(
        t("pack.certificate.exercise_items", lang, exercise=exercise_label(ex, lang), n=n)
        for ex, n in f["exercises"].items()
    )
    pdf.paragraph(t("pack.certificate.exercises", lang, exercises=done), 10, align="C")
    if f["result"]:
        pdf.paragraph(result_text(f["result"], lang=lang), 10, align="C")
    pdf.set_y(max(pdf.get_y() + 4, pdf.h - 38))  # never over the text above
    pdf.paragraph(t("pack.certificate.code", lang, code=certificate.code), 12, align="C", bold=True)
    pdf.paragraph(t("pack.certificate.check", lang), 8.5, align="C", muted=True)
    return pdf


def write_certificates(store_path, out_dir, *, lang=None) -> list[Path]:
    """Write one PDF per trainee into ``out_dir`` (made when missing); return the files.

    Every certificate written is remembered in the store (its code and fields), so that
    :func:`verify` can check it later. File names carry the code, not the name.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    issued = certificates(store_path)
    record_issued(store_path, [(c.code, c.trainee, c.fields) for c in issued])
    return [render_certificate(c, lang=lang).save(out / c.file_name) for c in issued]


@dataclass(frozen=True)
class Verification:
    """The answer of :func:`verify`: ``valid``, the ``code`` as read, the certificate's
    ``fields``.
    """

    valid: bool
    code: str
    fields: dict | None = None
    issued_at: str = ""


def verify(code: str, store_path) -> Verification:
    """Check a typed code against the certificates issued from the store.

    Valid only when the code was issued from this store and the HMAC of its stored fields
    under this workshop's secret is the code (a changed field or another secret fails).
    """
    normal = normalise_code(code)
    info = load_workshop_info(store_path)
    if not normal or info is None:
        return Verification(False, normal or clean(code)[:40])
    issued = issued_certificates(store_path)
    for row in issued[issued["code"] == normal].itertuples():
        expected = certificate_code(row.fields, info.secret)
        if hmac.compare_digest(expected, normal):
            return Verification(True, normal, row.fields, row.issued_at)
    return Verification(False, normal)


def describe(verification: Verification, *, lang=None) -> list[str]:
    """The lines ``kinerja-sim certificates --verify`` prints."""
    if not verification.valid:
        return [t("pack.verify.invalid", lang, code=verification.code)]
    f = verification.fields
    lines = [
        t("pack.verify.valid", lang, code=verification.code),
        f"{t('pack.field.name', lang)}: {f['name']}",
    ]
    if f["nip"]:
        lines.append(f"{t('pack.field.nip', lang)}: {f['nip']}")
    lines += [
        f"{t('pack.field.title', lang)}: {f['title']}",
        f"{t('pack.field.organiser', lang)}: {f['organiser']}",
        f"{t('pack.field.place', lang)}: {f['place']}",
        f"{t('pack.field.dates', lang)}: {_dates(f, lang)}",
        f"{t('pack.field.hours', lang)}: {f['hours']}",
        f"{t('pack.field.exercises', lang)}: "
        + "; ".join(exercise_label(ex, lang) for ex in f["exercises"]),
    ]
    if f["result"]:
        lines.append(result_text(f["result"], lang=lang))
    return [clean(line) for line in lines]
