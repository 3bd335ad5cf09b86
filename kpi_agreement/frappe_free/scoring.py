"""Exact scoring of performance-agreement indicators.

Plain Python with no Frappe import: every score is a ``Decimal`` quantized to four places with
ROUND_HALF_UP, the way published OPDC tables round. Inputs may be ``int``, ``str`` or ``Decimal``;
a ``float`` is converted through ``str`` so that ``94.5`` means exactly 94.5.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

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
TARGET_LEVEL = 3
"""The level a five-level or milestone line is expected to reach (a tier line: the standard tier, มาตรฐาน)."""
SCORE_ONE_BELOW = "Score 1"
"""The below-level-1 rule (KPI Framework) that gives 1 rather than 0 to a result below level 1."""


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
	points: Sequence[Number] = TIER_POINTS,
	lower_is_better: bool = False,
) -> Decimal:
	"""Three targets (ขั้นต้น, มาตรฐาน, ขั้นสูง) mapped to ``points``: linear between, capped, 0 below."""
	x = to_decimal(result, "result")
	values = check_thresholds(targets, lower_is_better=lower_is_better, count=LEVEL_COUNTS[TIER])
	score = _interpolate(x, values, _tier_marks(points), lower_is_better)
	return quantize(ZERO if score is None else score)


def _tier_marks(points: Sequence[Number]) -> list:
	marks = [to_decimal(p, "points") for p in points]
	if len(marks) != LEVEL_COUNTS[TIER]:
		raise ValueError(f"expected 3 points, got {len(marks)}")
	return marks


def weighted_score(score: Number, weight: Number, total_weight: Number = HUNDRED) -> Decimal:
	"""``score × weight / total_weight``: the line's share of the weighted total (the weights of the lines
	that apply in the round add up to ``total_weight``, 100 when every line applies)."""
	total = to_decimal(total_weight, "total weight")
	return (
		quantize(to_decimal(score, "score") * to_decimal(weight, "weight") / total)
		if total
		else quantize(ZERO)
	)


def weighted_total(lines: Iterable[tuple[Number, Number]]) -> Decimal:
	"""A unit's weighted total as printed (``total_score``): the exact sum of the lines' weighted scores,
	each to 4 places (``score × weight / Σ weight``), so a printed weighted-score column always adds up to
	its total. It differs from :func:`weighted_average` by less than 0.00005 per line."""
	pairs = [(to_decimal(score, "score"), to_decimal(weight, "weight")) for score, weight in lines]
	total = sum((weight for _score, weight in pairs), ZERO)
	return sum((weighted_score(score, weight, total) for score, weight in pairs), quantize(ZERO))


def weight_text(weight: Number) -> str:
	"""A weight as entered: 2.5, 0.25, 10 (no padding zeros, never rounded)."""
	text = format(to_decimal(weight, "weight").normalize(), "f")
	return text


def weighted_average(lines: Iterable[tuple[Number, Number]]) -> Decimal:
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


def rule_arguments(rules: Mapping) -> dict:
	"""The keywords of :func:`score_line` from an agreement's rules (as signed, or its framework's while a
	draft): the score below level 1 and the tier points."""
	return {
		"below_first": ONE if rules.get("below_level_one_rule") == SCORE_ONE_BELOW else ZERO,
		"tier_points": tuple(rules.get("tier_points") or TIER_POINTS),
	}


def below_target(scheme: str, score: Number | None, tier_points: Sequence[Number] = TIER_POINTS) -> bool:
	"""A line scored below target: below level 3 (five levels, milestones), or below the standard tier's
	(มาตรฐาน) points on a tier scale. What the printed assessment and the reports mark."""
	target = to_decimal(tier_points[1], "points") if scheme == TIER else Decimal(TARGET_LEVEL)
	return to_decimal(score or 0, "score") < target


def target_range(scheme: str) -> tuple[Decimal, Decimal]:
	"""The scores a what-if may ask a line of the scheme to reach: 1 to 5, or 0 to 100 for tiers."""
	return (ZERO, HUNDRED) if scheme == TIER else (ONE, Decimal(MAX_LEVEL))


def score_needed(
	target_score: Number,
	thresholds: Sequence[Number],
	*,
	lower_is_better: bool = False,
	scheme: str = FIVE_LEVEL,
	tier_points: Sequence[Number] = TIER_POINTS,
) -> Decimal:
	"""What-if: the result a line needs to score ``target_score`` on its scheme's scale, the inverse of the
	interpolation that scores it. Five levels: a score from 1 to 5 over the five thresholds. Tiers: a score
	from 0 to 100 over the three targets and their ``tier_points``; a score below the first tier's points needs
	the first target, one above the last tier's points the last target. Milestones have no such result.

	The result is exact (a quotient that does not end is carried to Decimal's 28 digits), so scoring it gives
	``target_score`` back; :func:`result_to_show` rounds it for display.

	>>> score_needed(85, [70, 75, 80], scheme=TIER, tier_points=(50, 70, 100))
	Decimal('77.5')
	"""
	wanted = to_decimal(target_score, "target score")
	lowest, best = target_range(scheme)
	if not lowest <= wanted <= best:
		raise ValueError(f"target score {wanted} is outside {lowest}..{best}")
	if scheme == FIVE_LEVEL:
		values = check_thresholds(thresholds, lower_is_better=lower_is_better)
		marks = [Decimal(k) for k in LEVELS]
	elif scheme == TIER:
		values = check_thresholds(thresholds[:3], lower_is_better=lower_is_better, count=LEVEL_COUNTS[TIER])
		marks = _tier_marks(tier_points)
		if any(b <= a for a, b in itertools.pairwise(marks)):
			raise ValueError(f"tier points must increase: {' / '.join(str(m) for m in marks)}")
	else:
		raise ValueError(f"a {scheme} line has no result to compute for a score")
	return _inverse(wanted, values, marks)


def _inverse(score: Decimal, values: list, points: list) -> Decimal:
	"""The result that :func:`_interpolate` maps to ``score``: the first value for a score at or below the
	first point, the last value at or above the last point, linear in between."""
	if score <= points[0]:
		return values[0]
	for k in range(len(points) - 1):
		if score <= points[k + 1]:
			low, high = values[k], values[k + 1]
			return low + (score - points[k]) * (high - low) / (points[k + 1] - points[k])
	return values[-1]


def result_to_show(needed: Decimal, *, lower_is_better: bool = False) -> Decimal:
	"""A result needed to four places, rounded toward the better side (up, or down when lower is better), so
	that the result shown still reaches the score asked for."""
	return needed.quantize(PLACES, rounding=ROUND_FLOOR if lower_is_better else ROUND_CEILING)
