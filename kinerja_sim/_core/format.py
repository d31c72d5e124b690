"""Numbers, percentages, Rupiah and dates as a reader of each language writes them.

The one formatter of the kit: every table, feedback text, report and plot label that shows a
number goes through these functions, so the decimal comma, the thousands point and the month
names are the same everywhere. Built on Babel's CLDR data (``babel.numbers``,
``babel.dates``; locale ``id_ID`` for Bahasa Indonesia, ``en_US`` for English). Babel is
imported on first use, so a workshop kernel that shows no number loads none of it.

Values are rounded first with Python's ``round`` (the same rounding as an f-string), then
written by Babel; a value that rounds to zero is written without a minus sign.

Examples
--------
>>> number(1234.5, lang="id"), number(1234.5, lang="en"), number(2.0, lang="id")
('1.234,5', '1,234.5', '2')
>>> number(-0.04, lang="id"), number(3.14159, 2, lang="id"), number(3.1, 2, trim=False, lang="id")
('0', '3,14', '3,10')
>>> percent(0.52056, lang="id"), percent(0.5, 0, lang="en")
('52,1%', '50%')
>>> (rupiah(1_234_567, lang="id"), rupiah(2.08e7, short=True, lang="id"),
...  rupiah(-3.5e12, short=True, lang="en"))
('Rp1.234.567', 'Rp20,8 juta', '-Rp3.5 trillion')
>>> import datetime
>>> date(datetime.date(2026, 12, 3), lang="id"), date("2026-12-03", lang="en")
('3 Desember 2026', 'December 3, 2026')
>>> timestamp("2026-11-26T12:35:00+00:00", zone="WIB")
'26-11-2026 19.35 WIB'
"""

from __future__ import annotations

import datetime as _dt
import math

from kinerja_sim._core.i18n import get_language

__all__ = ["LOCALES", "SCALES", "TIMEZONES", "date", "number", "percent", "rupiah", "timestamp"]

LOCALES = {"id": "id_ID", "en": "en_US"}
TIMEZONES = {"WIB": 7, "WITA": 8, "WIT": 9}  # Indonesia's three time zones, hours after UTC
#: Scale words for large amounts, largest first, per language (Rp2,53 triliun).
SCALES = {
    "id": ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")),
    "en": ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")),
}


def _locale(lang: str | None) -> str:
    return LOCALES.get(lang or get_language(), LOCALES["id"])


def _pattern(decimals: int, trim: bool, grouping: bool) -> str:
    whole = "#,##0" if grouping else "0"
    if decimals <= 0:
        return whole
    return f"{whole}.{('#' if trim else '0') * decimals}"


def number(
    value, decimals: int = 1, *, trim: bool = True, grouping: bool = True, lang: str | None = None
) -> str:
    """A number with the language's separators; NaN or None as an en dash.

    Parameters
    ----------
    value : float
        The number.
    decimals : int
        Digits after the decimal sign at most (exactly, with ``trim=False``).
    trim : bool
        Drop trailing zeros (``2,50`` -> ``2,5``; ``4,0`` -> ``4``).
    grouping : bool
        Thousands separators (``1.234``); off for years and codes.
    lang : {"id", "en"}, optional
        The catalogue's language when omitted.
    """
    from babel.numbers import format_decimal

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    value = float(value)
    if math.isnan(value):
        return "–"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    rounded = round(value, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    if rounded == 0:
        rounded = 0.0
    return format_decimal(rounded, format=_pattern(decimals, trim, grouping), locale=_locale(lang))


def percent(share, decimals: int = 1, *, trim: bool = False, lang: str | None = None) -> str:
    """A share (0.52) as a percentage (``52,1%``); NaN as an en dash."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "–"
    return f"{number(100 * float(share), decimals, trim=trim, lang=lang)}%"


def rupiah(value, decimals: int = 0, *, short: bool = False, lang: str | None = None) -> str:
    """An amount in Rupiah: ``Rp1.234.567``, or with ``short`` ``Rp20,8 juta``.

    ``short`` writes amounts of a million and more with one decimal and the scale word
    (juta, miliar, triliun; million, billion, trillion in English), smaller ones in full.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    value = float(value)
    sign = "-" if round(value, decimals) < 0 else ""
    amount = abs(value)
    lang = lang or get_language()
    if short:
        for scale, word in SCALES.get(lang, SCALES["id"]):
            if amount >= scale:
                return f"{sign}Rp{number(amount / scale, 1, lang=lang)} {word}"
    return f"{sign}Rp{number(amount, decimals, lang=lang)}"


def _as_date(value) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(str(value)[:10])


def date(value, *, lang: str | None = None) -> str:
    """A calendar date in words: ``3 Desember 2026`` (``December 3, 2026`` in English)."""
    from babel.dates import format_date

    return format_date(_as_date(value), format="long", locale=_locale(lang))


def timestamp(value, zone: str = "WIB") -> str:
    """An ISO time (UTC when it names no zone) in an Indonesian time zone: ``26-11-2026 19.35 WIB``.

    Empty, None or NaN give an empty string (a table cell with nothing to show).
    """
    if zone not in TIMEZONES:
        raise ValueError(f"zone must be one of {', '.join(TIMEZONES)}, got {zone!r}")
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return ""
    moment = value if isinstance(value, _dt.datetime) else _dt.datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    local = moment.astimezone(_dt.timezone(_dt.timedelta(hours=TIMEZONES[zone])))
    return f"{local:%d-%m-%Y %H.%M} {zone}"
