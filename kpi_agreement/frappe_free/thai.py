"""Thai numerals, Buddhist-era dates and fiscal years. Plain Python, no Frappe import.

The Thai fiscal year (ปีงบประมาณ) N in the Buddhist era runs from 1 October of BE N-1 to
30 September of BE N; BE = CE + 543. So fiscal year 2569 is 1 Oct 2025 - 30 Sep 2026.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

BE_OFFSET = 543
FISCAL_START_MONTH = 10

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")

MONTHS = (
	"มกราคม",
	"กุมภาพันธ์",
	"มีนาคม",
	"เมษายน",
	"พฤษภาคม",
	"มิถุนายน",
	"กรกฎาคม",
	"สิงหาคม",
	"กันยายน",
	"ตุลาคม",
	"พฤศจิกายน",
	"ธันวาคม",
)
SHORT_MONTHS = (
	"ม.ค.",
	"ก.พ.",
	"มี.ค.",
	"เม.ย.",
	"พ.ค.",
	"มิ.ย.",
	"ก.ค.",
	"ส.ค.",
	"ก.ย.",
	"ต.ค.",
	"พ.ย.",
	"ธ.ค.",
)


def thai_digits(text: object) -> str:
	"""Replace Arabic digits with Thai ones: ``"2569"`` -> ``"๒๕๖๙"``."""
	return str(text).translate(THAI_DIGITS)


def digits(text: object, thai: bool) -> str:
	"""Thai digits when ``thai`` is true, the text unchanged otherwise."""
	return thai_digits(text) if thai else str(text)


def to_date(value: dt.date | str) -> dt.date:
	"""A date from a ``date``, ``datetime`` or ISO string."""
	if isinstance(value, dt.datetime):
		return value.date()
	if isinstance(value, dt.date):
		return value
	return dt.date.fromisoformat(str(value)[:10])


def be_year(ce_year: int) -> int:
	"""Buddhist-era year of a Common-Era year."""
	return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
	"""Common-Era year of a Buddhist-era year."""
	return be - BE_OFFSET


def typed_in_buddhist_era(year: int) -> bool:
	"""A year typed in a Christian-era date field that is a Buddhist-era year (2569 for 2026)."""
	return year >= 2400


def format_date(value: dt.date | str | None, *, thai_numerals: bool = True, short: bool = False) -> str:
	"""``"๑ ตุลาคม ๒๕๖๘"`` (or ``"1 ต.ค. 2568"`` with short months and Arabic digits)."""
	if not value:
		return ""
	day = to_date(value)
	month = (SHORT_MONTHS if short else MONTHS)[day.month - 1]
	return digits(f"{day.day} {month} {be_year(day.year)}", thai_numerals)


def fiscal_year_of(value: dt.date | str) -> int:
	"""The Buddhist-era fiscal year a date falls in."""
	day = to_date(value)
	return be_year(day.year + (1 if day.month >= FISCAL_START_MONTH else 0))


def fiscal_year_dates(fiscal_year_be: int) -> tuple[dt.date, dt.date]:
	"""First and last day of a Buddhist-era fiscal year."""
	if not isinstance(fiscal_year_be, int) or isinstance(fiscal_year_be, bool):
		raise TypeError("fiscal year must be a whole Buddhist-era year such as 2569")
	if not 2400 <= fiscal_year_be <= 2800:
		raise ValueError(f"fiscal year {fiscal_year_be} is not a Buddhist-era year (e.g. 2569)")
	year = ce_year(fiscal_year_be)
	return dt.date(year - 1, FISCAL_START_MONTH, 1), dt.date(year, FISCAL_START_MONTH - 1, 30)


def round_cut_off(fiscal_year_be: int, months: int) -> dt.date:
	"""The last day of the first ``months`` months of the fiscal year (6 -> 31 March)."""
	if not 1 <= months <= 12:
		raise ValueError(f"a round covers 1 to 12 months, not {months}")
	start, _end = fiscal_year_dates(fiscal_year_be)
	month_index = start.month - 1 + months
	year, month = start.year + month_index // 12, month_index % 12 + 1
	return dt.date(year, month, 1) - dt.timedelta(days=1)


def format_number(value: object, places: int = 2, *, thai_numerals: bool = False) -> str:
	"""A number with thousands separators and fixed places, optionally in Thai digits."""
	if value is None or value == "":
		return ""
	quantum = Decimal(1).scaleb(-places)
	number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
	return digits(f"{number:,.{places}f}", thai_numerals)
