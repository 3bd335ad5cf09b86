"""The Year's Workbook: a framework's rounds as worksheet rows, one row per unit and indicator line. Plain
Python, no Frappe import: the shell (kpi_agreement/api/workbook.py) reads the numbers the scorecard and the
Score Summary show and writes these values with openpyxl.

Numbers are exact decimals (a worksheet shows them through the column's number format: scores to 4 places,
weights to 2); text stays text, whatever its shape."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

from kpi_agreement.frappe_free import scoring

TEXT, WEIGHT, FIGURE, SCORE, RANK = "text", "weight", "figure", "score", "rank"
FORMATS = {WEIGHT: "0.00", FIGURE: "#,##0.00##", SCORE: "0.0000", RANK: "0"}
"""Each numeric kind's number format: a target or result shows as entered, with at least 2 places."""

COLUMNS = (
	("unit", TEXT),
	("unit_level", TEXT),
	("indicator_code", TEXT),
	("indicator_name", TEXT),
	("dimension", TEXT),
	("weight", WEIGHT),
	*((f"level_{k}", FIGURE) for k in scoring.LEVELS),
	("result", FIGURE),
	("self_score", SCORE),
	("committee_score", SCORE),
	("score", SCORE),
	("weighted_score", SCORE),
	("total_score", SCORE),
	("rank", RANK),
	("grade", TEXT),
)
"""The columns of a round's sheet, in order: the line (unit, indicator, weight, the round's targets, the
result and its scores) and its unit's weighted total, rank and grade."""

UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters a worksheet cannot hold."""
WEIGHT_PLACES = Decimal("0.01")


def text(value: object) -> str:
	"""Text as a worksheet can hold it (control characters dropped)."""
	return UNWRITABLE.sub("", str(value))


def number(kind: str, value: object) -> Decimal | int | None:
	"""A stored number as an exact decimal on its kind's places (a figure keeps the places it has), a rank as
	a whole number."""
	if value is None or value == "":
		return None
	number = scoring.to_decimal(value)
	if kind == SCORE:
		return scoring.quantize(number)
	if kind == WEIGHT:
		return scoring.quantize(number).quantize(WEIGHT_PLACES)
	if kind == RANK:
		return int(number)
	return number


def result(scheme: str | None, value: str | None) -> Decimal | str | None:
	"""A line's result: a number when it reads as one; a milestone indicator's levels met (``1,2,3``) as text."""
	if value is None or not str(value).strip():
		return None
	if scheme != scoring.MILESTONE:
		try:
			return scoring.parse_number(value)
		except ValueError:
			pass
	return text(value).strip()


def targets_shown(scheme: str | None) -> int:
	"""How many level targets a line's scheme has as numbers: five levels, three tiers, none for milestones
	(each milestone level is a criterion in words)."""
	return 0 if scheme == scoring.MILESTONE else scoring.level_count(scheme or scoring.FIVE_LEVEL)


def row(record: Mapping) -> list:
	"""The values of one sheet row, in ``COLUMNS`` order, from a line and its unit's scores."""
	scheme = record.get("scoring_scheme")
	shown = targets_shown(scheme)
	values = []
	for field, kind in COLUMNS:
		value = record.get(field)
		if field == "result":
			values.append(result(scheme, value))
		elif field.startswith("level_") and int(field[len("level_") :]) > shown:
			values.append(None)
		elif kind == TEXT:
			values.append(text(value) if value not in (None, "") else None)
		else:
			values.append(number(kind, value))
	return values
