"""Department scorecard for one round: every unit's composite, dimension sub-scores, rank and grade.

Plain Python, no Frappe import: the Scorecard doctype and the reports feed it rows read in bulk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from kpi_agreement import scoring


@dataclass
class UnitScore:
	unit: str
	composite: Decimal
	dimensions: dict = field(default_factory=dict)
	"""dimension -> (score, weight)"""
	rank: int = 0
	grade: str = ""


def unit_scores(lines: Iterable[tuple[str, str, object, object]]) -> dict:
	"""``(unit, dimension, score, weight)`` rows -> {unit: UnitScore} with composites per unit and dimension."""
	by_unit: dict = defaultdict(list)
	for unit, dimension, score, weight in lines:
		by_unit[unit].append(
			(dimension or "", scoring.to_decimal(score or 0), scoring.to_decimal(weight or 0))
		)
	result = {}
	for unit, rows in by_unit.items():
		per_dimension: dict = defaultdict(list)
		for dimension, score, weight in rows:
			per_dimension[dimension].append((score, weight))
		result[unit] = UnitScore(
			unit=unit,
			composite=scoring.composite((score, weight) for _dimension, score, weight in rows),
			dimensions={
				dimension: (scoring.composite(pairs), sum((w for _s, w in pairs), Decimal(0)))
				for dimension, pairs in per_dimension.items()
			},
		)
	return result


def rank_and_grade(scores: Iterable[UnitScore], bands: Iterable[tuple[str, object]]) -> list:
	"""Units best first with competition ranks (ties share a rank) and grades from the bands."""
	ordered = sorted(scores, key=lambda unit: (-unit.composite, unit.unit))
	bands = list(bands)
	for unit, position in zip(ordered, scoring.rank([u.composite for u in ordered])):
		unit.rank = position
		unit.grade = scoring.grade(unit.composite, bands)
	return ordered


def average(scores: Iterable[UnitScore]) -> Decimal:
	"""Plain mean of the unit composites (every unit counts once)."""
	return scoring.composite((unit.composite, 1) for unit in scores)
