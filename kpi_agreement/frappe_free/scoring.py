"""Exact scoring of performance-agreement indicators.

Plain Python with no Frappe import: every score is a ``Decimal`` quantized to four places with
ROUND_HALF_UP, the way published OPDC tables round. Inputs may be ``int``, ``str`` or ``Decimal``;
a ``float`` is converted through ``str`` so that ``94.5`` means exactly 94.5.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PLACES = Decimal("0.0001")
ZERO = Decimal("0")
ONE = Decimal("1")
HUNDRED = Decimal("100")
MAX_LEVEL = 5

FIVE_LEVEL = "Five Level"
MILESTONE = "Milestone"
TIER = "Tier"
SCHEMES = (FIVE_LEVEL, MILESTONE, TIER)
LEVEL_COUNTS = {FIVE_LEVEL: MAX_LEVEL, MILESTONE: MAX_LEVEL, TIER: 3}
"""How many levels each scheme's criteria have (tiers: ขั้นต้น / มาตรฐาน / ขั้นสูง)."""
LEVELS = range(1, MAX_LEVEL + 1)
"""Levels 1-5, and so the level columns (level_1 … level_5) of agreement and assessment lines."""
HIGHER_IS_BETTER, LOWER_IS_BETTER = "Higher is better", "Lower is better"
"""An indicator's direction, as stored on the indicator and on every line that copies it."""


TIER_POINTS = (50, 75, 100)
"""Points of the three tiers (ขั้นต้น / มาตรฐาน / ขั้นสูง) unless a framework sets its own (OPDC FY2567: 50/70/100)."""
TIER_NAMES = ("ขั้นต้น", "มาตรฐาน", "ขั้นสูง")


def scheme_scale(scheme: str) -> Decimal:
	"""How many times the five-level scale a scheme's scores are (tiers score out of 100)."""
	return Decimal(20) if scheme == TIER else Decimal(1)


def bands_for(scheme: str, five_level_bands: Iterable[tuple[str, Number]]) -> list[tuple[str, Decimal]]:
	"""Grade bands on the scheme's own scale, from bands on the five-level scale."""
	return [
		(name, quantize(to_decimal(minimum) * scheme_scale(scheme))) for name, minimum in five_level_bands
	]


def level_count(scheme: str) -> int:
	return LEVEL_COUNTS.get(scheme, MAX_LEVEL)


def is_lower_better(direction: str | None) -> bool:
	return direction == LOWER_IS_BETTER


Number = int | str | Decimal | float


def to_decimal(value: Number, name: str = "value") -> Decimal:
	"""Return ``value`` as a finite Decimal; floats go through ``str``, other types raise TypeError."""
	if isinstance(value, bool) or not isinstance(value, int | str | Decimal | float):
		raise TypeError(f"{name} must be a number (int, str or Decimal), not {type(value).__name__}")
	try:
		number = Decimal(str(value).strip().replace(",", "")) if not isinstance(value, Decimal) else value
	except InvalidOperation:
		raise ValueError(f"{name} {value!r} is not a number") from None
	if not number.is_finite():
		raise ValueError(f"{name} {value!r} is not a finite number")
	return number


LIMIT = Decimal("1e15")


def parse_number(value: Number | None, name: str = "value") -> Decimal | None:
	"""A form entry as a Decimal: None when empty, ValueError when not a number or absurdly large."""
	if value is None or (isinstance(value, str) and not value.strip()):
		return None
	try:
		number = to_decimal(value, name)
	except TypeError as error:
		raise ValueError(str(error)) from None
	if abs(number) >= LIMIT:
		raise ValueError(f"{name} {value!r} is too large")
	return number


def quantize(value: Decimal) -> Decimal:
	"""Round to four places, half up."""
	return value.quantize(PLACES, rounding=ROUND_HALF_UP)


def check_thresholds(thresholds: Sequence[Number], *, lower_is_better: bool = False, count: int = 5) -> list:
	"""Return thresholds as Decimals, or raise ValueError unless there are ``count`` strictly monotonic ones."""
	values = [to_decimal(t, f"threshold {i}") for i, t in enumerate(thresholds, start=1)]
	if len(values) != count:
		raise ValueError(f"expected {count} thresholds, got {len(values)}")
	for i, (a, b) in enumerate(itertools.pairwise(values), start=1):
		if (b >= a) if lower_is_better else (b <= a):
			order = "decreasing" if lower_is_better else "increasing"
			raise ValueError(
				f"thresholds must be strictly {order}: level {i} is {a} and level {i + 1} is {b}"
			)
	return values


def _interpolate(
	x: Decimal, values: list, points: Sequence[Decimal], lower_is_better: bool
) -> Decimal | None:
	"""Linear interpolation of ``x`` over ``values`` mapped onto ``points``; None below the first value."""
	sign = -1 if lower_is_better else 1
	x, values = x * sign, [v * sign for v in values]
	if x < values[0]:
		return None
	if x >= values[-1]:
		return points[-1]
	for k in range(len(values) - 1):
		low, high = values[k], values[k + 1]
		if low <= x < high:
			return points[k] + (points[k + 1] - points[k]) * (x - low) / (high - low)
	raise AssertionError("unreachable")


def level_score(
	result: Number,
	thresholds: Sequence[Number],
	*,
	lower_is_better: bool = False,
	below_first: Number = ZERO,
) -> Decimal:
	"""Five-level score: level k at threshold k, linear in between, 5 at or beyond level 5.

	>>> level_score("94.5", [92, 93, 94, 95, 96])
	Decimal('3.5000')
	"""
	x = to_decimal(result, "result")
	values = check_thresholds(thresholds, lower_is_better=lower_is_better)
	score = _interpolate(x, values, [Decimal(k) for k in range(1, MAX_LEVEL + 1)], lower_is_better)
	return quantize(to_decimal(below_first, "below_first") if score is None else score)


def milestone_score(levels_met: Iterable[int]) -> Decimal:
	"""The highest level L such that every level 1..L is met (ระดับความสำเร็จ)."""
	met = set()
	for level in levels_met:
		if isinstance(level, bool) or not isinstance(level, int):
			raise TypeError(f"milestone levels must be whole numbers, not {level!r}")
		if not 1 <= level <= MAX_LEVEL:
			raise ValueError(f"milestone level {level} is outside 1..{MAX_LEVEL}")
		met.add(level)
	score = 0
	while score + 1 in met:
		score += 1
	return quantize(Decimal(score))


def tier_score(
	result: Number,
	targets: Sequence[Number],
	*,
	points: Sequence[Number] = (50, 75, 100),
	lower_is_better: bool = False,
) -> Decimal:
	"""Three targets (ขั้นต้น, มาตรฐาน, ขั้นสูง) mapped to ``points``: linear between, capped, 0 below."""
	x = to_decimal(result, "result")
	values = check_thresholds(targets, lower_is_better=lower_is_better, count=LEVEL_COUNTS[TIER])
	marks = [to_decimal(p, "points") for p in points]
	if len(marks) != 3:
		raise ValueError(f"expected 3 points, got {len(marks)}")
	score = _interpolate(x, values, marks, lower_is_better)
	return quantize(ZERO if score is None else score)


def weighted_score(score: Number, weight: Number, total_weight: Number = HUNDRED) -> Decimal:
	"""``score × weight / total_weight``: the line's share of the composite (the weights of the lines that
	apply in the round add up to ``total_weight``, 100 when every line applies)."""
	total = to_decimal(total_weight, "total weight")
	return (
		quantize(to_decimal(score, "score") * to_decimal(weight, "weight") / total)
		if total
		else quantize(ZERO)
	)


def weighted_total(lines: Iterable[tuple[Number, Number]]) -> Decimal:
	"""The composite as printed: the exact sum of the lines' weighted scores, each to 4 places
	(``score × weight / Σ weight``), so a printed weighted-score column always adds up to its total. It
	differs from :func:`composite` by less than 0.00005 per line."""
	pairs = [(to_decimal(score, "score"), to_decimal(weight, "weight")) for score, weight in lines]
	total = sum((weight for _score, weight in pairs), ZERO)
	return sum((weighted_score(score, weight, total) for score, weight in pairs), quantize(ZERO))


def weight_text(weight: Number) -> str:
	"""A weight as entered: 2.5, 0.25, 10 (no padding zeros, never rounded)."""
	text = format(to_decimal(weight, "weight").normalize(), "f")
	return text


def composite(lines: Iterable[tuple[Number, Number]]) -> Decimal:
	"""Weighted average ``Σ(score × weight) / Σ(weight)``; zero when there is no weight at all."""
	total = weights = ZERO
	for score, weight in lines:
		w = to_decimal(weight, "weight")
		total += to_decimal(score, "score") * w
		weights += w
	return quantize(total / weights) if weights else quantize(ZERO)


def max_score(scheme: str) -> Decimal:
	"""The best score a scheme can give (5 for level schemes, 100 for tiers)."""
	return HUNDRED if scheme == TIER else Decimal(MAX_LEVEL)


def score_line(
	scheme: str,
	result: Number | None,
	thresholds: Sequence[Number],
	*,
	lower_is_better: bool = False,
	below_first: Number = ZERO,
	tier_points: Sequence[Number] = TIER_POINTS,
) -> Decimal:
	"""Score one indicator line under its scheme; for milestones ``result`` lists the levels met."""
	if scheme == FIVE_LEVEL:
		return level_score(result, thresholds, lower_is_better=lower_is_better, below_first=below_first)
	if scheme == TIER:
		return tier_score(result, thresholds[:3], lower_is_better=lower_is_better, points=tier_points)
	if scheme == MILESTONE:
		return milestone_score(parse_levels(result))
	raise ValueError(f"unknown scoring scheme {scheme!r}; use one of {', '.join(SCHEMES)}")


def parse_levels(text: Number | Iterable[int] | None) -> list:
	"""Milestone levels met, from ``"1,2,3"``, a count of levels (``3``) or an iterable of ints."""
	if text is None or text == "":
		return []
	if isinstance(text, str):
		try:
			return [int(part) for part in text.replace(" ", "").split(",") if part]
		except ValueError:
			raise ValueError(f"milestones met {text!r} must be level numbers separated by commas") from None
	if isinstance(text, int | Decimal | float) and not isinstance(text, bool):
		count = to_decimal(text, "levels met")
		if count != count.to_integral_value() or not 0 <= count <= MAX_LEVEL:
			raise ValueError(f"levels met {text!r} must be a whole number from 0 to {MAX_LEVEL}")
		return list(range(1, int(count) + 1))
	if isinstance(text, Iterable):
		return list(text)
	raise TypeError(f"milestones met must be text such as '1,2,3', not {type(text).__name__}")


def grade(score: Number, bands: Iterable[tuple[str, Number]]) -> str:
	"""The first band (name, minimum score) whose minimum the score reaches, best band first."""
	value = to_decimal(score, "score")
	for name, minimum in sorted(bands, key=lambda band: to_decimal(band[1]), reverse=True):
		if value >= to_decimal(minimum, "minimum"):
			return name
	return ""


def rank(scores: Sequence[Decimal]) -> list:
	"""Standard competition ranks (1, 2, 2, 4) for scores, best first, in input order."""
	ordered = sorted(scores, reverse=True)
	return [ordered.index(score) + 1 for score in scores]


def score_needed(
	target_score: Number,
	thresholds: Sequence[Number],
	*,
	lower_is_better: bool = False,
) -> Decimal:
	"""What-if: the result a five-level indicator needs to reach ``target_score`` (1..5)."""
	wanted = to_decimal(target_score, "target score")
	if not ONE <= wanted <= MAX_LEVEL:
		raise ValueError(f"target score {wanted} is outside 1..{MAX_LEVEL}")
	values = check_thresholds(thresholds, lower_is_better=lower_is_better)
	k = min(int(wanted), MAX_LEVEL - 1)
	low, high = values[k - 1], values[k]
	return quantize(low + (wanted - k) * (high - low))
