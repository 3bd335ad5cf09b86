"""Line of sight: a department's (or a bureau's) indicator made of the indicators beneath it. No Frappe import:
KPI Indicator checks the links, KPI Assessment computes a parent line's result from its children's certified
results, and the KPI Cascade report shows the tree, all through :func:`roll_up`.

A child names its parent and whether its result rolls up or is only reported beside it; the parent names how
the results roll up: their sum, their average, their minimum, or their average weighted by a figure each child
carries (a budget, say). The parent is scored only from complete data: every child that rolls up has a
certified result in the round, unless the coordinator accepts a partial roll-up on the parent's line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from kpi_agreement.frappe_free import scoring

SUM, WEIGHTED_AVERAGE, AVERAGE, MINIMUM = "Sum", "Weighted Average", "Average", "Minimum"
RULES = (SUM, WEIGHTED_AVERAGE, AVERAGE, MINIMUM)
"""How a parent's result is made of its children's (the KPI Indicator Select's options)."""


@dataclass(frozen=True)
class Child:
	indicator: str
	result: Decimal | None = None
	"""The child's result in the round; None when it has none."""
	certified: bool = False
	weight: Decimal | None = None
	"""The figure it is weighted by under a weighted average."""
	beside: bool = False
	"""Reported beside the parent, not rolled up into it."""


@dataclass(frozen=True)
class Rollup:
	result: Decimal | None
	"""The parent's result, or None when it may not be computed."""
	rolled_up: tuple[str, ...]
	missing: tuple[str, ...]
	"""Children that roll up but have no result in the round."""
	uncertified: tuple[str, ...]
	"""Children with a result their owner has not certified (or returned)."""

	@property
	def complete(self) -> bool:
		return not self.missing and not self.uncertified


def roll_up(rule: str, children: Iterable[Child], partial: bool = False) -> Rollup:
	"""The parent's result under ``rule`` from the children's certified results (4 places, half up): None
	when a child that rolls up is missing or not certified, unless ``partial`` allows computing from the
	certified ones; None too when no child is certified."""
	counted = [child for child in children if not child.beside]
	missing = tuple(child.indicator for child in counted if child.result is None)
	uncertified = tuple(
		child.indicator for child in counted if child.result is not None and not child.certified
	)
	ready = [child for child in counted if child.result is not None and child.certified]
	complete = not missing and not uncertified
	result = combine(rule, ready) if ready and (complete or partial) else None
	return Rollup(result, tuple(child.indicator for child in ready), missing, uncertified)


def combine(rule: str, children: list[Child]) -> Decimal:
	results = [scoring.to_decimal(child.result) for child in children]
	if rule == SUM:
		value = sum(results, Decimal(0))
	elif rule == AVERAGE:
		value = sum(results, Decimal(0)) / len(results)
	elif rule == MINIMUM:
		value = min(results)
	elif rule == WEIGHTED_AVERAGE:
		weights = [scoring.to_decimal(child.weight or 0) for child in children]
		if any(weight <= 0 for weight in weights):
			raise ValueError("every child of a weighted average needs a positive weight")
		value = sum((r * w for r, w in zip(results, weights)), Decimal(0)) / sum(weights, Decimal(0))
	else:
		raise ValueError(f"unknown roll-up rule {rule!r}")
	return scoring.quantize(value)


def ancestors(indicator: str, parents: Mapping[str, str | None]) -> list[str]:
	"""The indicator's parent, its parent's parent, … (a loop stops the walk; :func:`loop_through` finds it)."""
	seen, chain = {indicator}, []
	parent = parents.get(indicator)
	while parent and parent not in seen:
		chain.append(parent)
		seen.add(parent)
		parent = parents.get(parent)
	return chain


def loop_through(indicator: str, parent: str | None, parents: Mapping[str, str | None]) -> bool:
	"""Whether naming ``parent`` as ``indicator``'s parent makes a loop."""
	if not parent:
		return False
	return parent == indicator or indicator in ancestors(parent, {**parents, indicator: parent})
