"""Copy to Next Fiscal Year: what last year's framework and indicators become in the next year. Plain Python,
no Frappe import.

- A round's cut-off moves a year on (a month's last day stays the month's last day).
- A title naming the year names the next year.
- An indicator's baseline columns gain last year's result as the newest column: the final round's result of
  the unit responsible for the indicator, the committee's verified result where it gave one, else the unit's
  own. The columns grow to ``BASELINE_COLUMNS`` and then roll (the oldest year drops off); a sheet that already
  kept more keeps as many.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from kpi_agreement.frappe_free import scoring, thai

BASELINE_COLUMNS = 3
"""The baseline years an OPDC detail sheet shows (three fiscal years before the one assessed)."""


def code_order(code: str | None) -> list:
	"""A sort key reading an indicator code's numbers as numbers: 1.2 before 1.10, 2.1 after both."""
	parts = re.split(r"(\d+)", (code or "").strip())
	return [int(part) if index % 2 else part for index, part in enumerate(parts)]


def next_cut_off(cut_off: dt.date | str) -> dt.date:
	"""The same day a year later; the last day of a month stays the last day (28 Feb 2027 -> 29 Feb 2028)."""
	day = thai.to_date(cut_off)
	month_end = (day + dt.timedelta(days=1)).month != day.month
	first = dt.date(day.year + 1, day.month, 1)
	if month_end:
		return (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
	return first.replace(day=day.day)


def next_title(title: str | None, fiscal_year: int, next_fiscal_year: int) -> str | None:
	"""The title with its year (in Arabic or Thai digits) made the next year's; None when there is none, so
	the framework names itself."""
	if not title:
		return None
	for digits in (str, thai.thai_digits):
		title = title.replace(digits(fiscal_year), digits(next_fiscal_year))
	return title


def final_result(self_result: str | None, committee_result: str | None) -> tuple[str, bool]:
	"""The result a line's final score was given for, and whether the committee verified it: the committee's
	result when it entered one, else the unit's own."""
	verified = (committee_result or "").strip()
	return (verified, True) if verified else ((self_result or "").strip(), False)


def baseline_value(scheme: str, result: str | None) -> Decimal | None:
	"""A result as a baseline figure: the number, or for a milestone indicator the level reached (levels
	``1,2,3`` met -> 3); None when there is nothing that reads as one."""
	try:
		if scheme == scoring.MILESTONE:
			return scoring.milestone_score(scoring.parse_levels(result)) if result else None
		return scoring.parse_number(result)
	except (TypeError, ValueError):
		return None


def responsible_unit(unit: str | None, carriers: Iterable[str]) -> str | None:
	"""The unit whose result is the indicator's: its responsible unit; for an indicator naming none, the only
	unit whose agreement carries it. An indicator several units share without naming one has no single
	result, and gets no baseline."""
	if unit:
		return unit
	carriers = set(carriers)
	return carriers.pop() if len(carriers) == 1 else None


def rolled_baselines(
	rows: Iterable[Mapping], fiscal_year: int, result: Decimal | None, note: str = ""
) -> list[dict]:
	"""The baseline rows of the next year's sheet: last year's (``fiscal_year``) result as the newest
	column, replacing a figure entered for that year beforehand; the oldest years dropped past
	``BASELINE_COLUMNS`` columns (a sheet that kept more keeps as many). Rows are ``fiscal_year``,
	``result`` and ``note``, oldest first; without a result the rows are kept as they are."""
	kept = [
		{"fiscal_year": int(row["fiscal_year"]), "result": row.get("result"), "note": row.get("note") or ""}
		for row in rows
	]
	if result is None:
		return sorted(kept, key=lambda row: row["fiscal_year"])
	columns = max(len(kept), min(len(kept) + 1, BASELINE_COLUMNS))
	kept = [row for row in kept if row["fiscal_year"] != fiscal_year]
	kept.append({"fiscal_year": fiscal_year, "result": result, "note": note})
	return sorted(kept, key=lambda row: row["fiscal_year"])[-columns:]
