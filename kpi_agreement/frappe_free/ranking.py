"""Department scorecard for one round: every unit's weighted total, dimension sub-scores, rank and grade.

Plain Python, no Frappe import: the Scorecard doctype and the reports feed it rows read in bulk.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from kpi_agreement.frappe_free import scoring, units


@dataclass
class UnitScore:
	unit: str
	total_score: Decimal
	"""The unit's weighted average score over the lines that apply in the round (its weighted total)."""
	dimensions: dict = field(default_factory=dict)
	"""dimension -> (score, weight)"""
	points: dict = field(default_factory=dict)
	"""dimension -> its lines' weighted scores summed: the dimension's share of ``total_score``"""
	rank: int = 0
	grade: str = ""


def dimension_scores(lines: Iterable[tuple[str, object, object]]) -> dict:
	"""``(dimension, score, weight)`` lines of one assessment -> {dimension: (sub-score, weight)}."""
	sums: dict = defaultdict(lambda: [Decimal(0), Decimal(0)])
	for dimension, score, weight in lines:
		w = scoring.to_decimal(weight or 0)
		entry = sums[dimension or ""]
		entry[0] += scoring.to_decimal(score or 0) * w
		entry[1] += w
	return {dimension: (_ratio(sw, w), w) for dimension, (sw, w) in sums.items()}


def dimension_points(lines: Iterable[tuple[str, object]]) -> dict:
	"""``(dimension, weighted score)`` lines of one assessment -> {dimension: Σ weighted scores}. The
	4-place weighted scores add up exactly, so the dimensions' points add up to the weighted total as printed."""
	points: dict = defaultdict(lambda: scoring.quantize(Decimal(0)))
	for dimension, weighted in lines:
		points[dimension or ""] += scoring.to_decimal(weighted or 0)
	return dict(points)


def recorded_scores(rows: Iterable[tuple[str, object, str | None]]) -> dict:
	"""``(unit, weighted average, dimension sub-scores as JSON)`` as each unit's assessment recorded them
	when it was saved -> {unit: UnitScore}."""
	return {
		unit: UnitScore(
			unit,
			scoring.quantize(scoring.to_decimal(total or 0)),
			dimensions_from_json(dimensions),
			points_from_json(dimensions),
		)
		for unit, total, dimensions in rows
	}


def _ratio(weighted_sum: Decimal, weight_sum: Decimal) -> Decimal:
	return scoring.quantize(weighted_sum / weight_sum) if weight_sum else scoring.quantize(Decimal(0))


def rank_and_grade(
	scores: Iterable[UnitScore],
	bands: Iterable[tuple[str, object]],
	bands_by_unit: dict | None = None,
	level_of: dict | None = None,
) -> list:
	"""Units best first with competition ranks (ties share a rank) and grades from the bands (a unit's own,
	as its agreement was signed, where given). With ``level_of`` (unit -> level) units are ranked against
	the units of the same level, and listed level by level from the department down."""
	ordered = sorted(scores, key=lambda unit: (-unit.total_score, unit.unit))
	bands, own, levels = list(bands), bands_by_unit or {}, level_of or {}
	groups: dict = defaultdict(list)
	for unit in ordered:
		groups[levels.get(unit.unit, "")].append(unit)
	for members in groups.values():
		for unit, position in zip(members, scoring.rank([u.total_score for u in members])):
			unit.rank = position
			unit.grade = scoring.grade(unit.total_score, own.get(unit.unit) or bands)
	return [unit for level in sorted(groups, key=units.level_order) for unit in groups[level]]


def average(scores: Iterable[UnitScore]) -> Decimal:
	"""Plain mean of the units' weighted totals (every unit counts once)."""
	return scoring.weighted_average((unit.total_score, 1) for unit in scores)


def dimensions_json(dimensions: dict, points: dict | None = None) -> str:
	"""A unit's dimension sub-scores ({dimension: (score, weight)}) and points ({dimension: Σ weighted
	scores}) as its scorecard row keeps them, exact decimals as text:
	``{"dimension": {"score": "3.5000", "weight": "60.0000", "points": "2.1000"}}``."""
	points = points or {}
	return json.dumps(
		{
			name: {
				"score": str(scoring.quantize(scoring.to_decimal(score))),
				"weight": str(scoring.quantize(scoring.to_decimal(weight))),
				**({"points": str(scoring.quantize(points[name]))} if name in points else {}),
			}
			for name, (score, weight) in sorted(dimensions.items())
		},
		ensure_ascii=False,
	)


def dimensions_from_json(text: str | None) -> dict:
	"""The inverse of ``dimensions_json``: {dimension: (score, weight)} as Decimals."""
	return {
		name: (Decimal(entry["score"]), Decimal(entry["weight"]))
		for name, entry in json.loads(text or "{}").items()
	}


def points_from_json(text: str | None) -> dict:
	"""{dimension: points} from ``dimensions_json`` (dimensions recorded without points are left out)."""
	return {
		name: Decimal(entry["points"])
		for name, entry in json.loads(text or "{}").items()
		if "points" in entry
	}
