"""The scoring core: worked examples, table-driven cases and properties over generated inputs."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_agreement.frappe_free import scoring
from kpi_agreement.frappe_free.scoring import (
	grade,
	level_score,
	milestone_score,
	rank,
	score_line,
	score_needed,
	tier_score,
	to_decimal,
	weighted_average,
	weighted_score,
)

BUDGET = [92, 93, 94, 95, 96]


def test_design_worked_example():
	score = level_score("94.5", BUDGET)
	assert score == D("3.5000") and str(score) == "3.5000"
	assert weighted_score(score, 10) == D("0.3500")


def test_committee_example_with_weight_4():
	assert weighted_score("4.8000", 4) == D("0.1920")
	assert weighted_score(5, 4) == D("0.2000")


@pytest.mark.parametrize(
	("result", "expected"),
	[
		(91, "0.0000"),
		("91.9999", "0.0000"),
		(92, "1.0000"),
		("92.25", "1.2500"),
		(93, "2.0000"),
		("94.5", "3.5000"),
		("95.9", "4.9000"),
		(96, "5.0000"),
		(120, "5.0000"),
		(94.5, "3.5000"),
		(D("93.33333"), "2.3333"),
		(D("93.33335"), "2.3334"),
	],
)
def test_level_score_higher_is_better(result, expected):
	assert level_score(result, BUDGET) == D(expected)


@pytest.mark.parametrize(
	("result", "expected"),
	[(11, "0.0000"), (10, "1.0000"), ("9.5", "1.5000"), (8, "3.0000"), (6, "5.0000"), (1, "5.0000")],
)
def test_level_score_lower_is_better(result, expected):
	assert level_score(result, [10, 9, 8, 7, 6], lower_is_better=True) == D(expected)


def test_below_first_rule():
	assert level_score(80, BUDGET, below_first=1) == D("1.0000")
	assert level_score(80, BUDGET, below_first="0") == D("0.0000")


def test_half_up_not_bankers():
	# 0.00005 rounds up (banker's rounding would give 2.0000 for an exact .5 at the last place)
	assert scoring.quantize(D("2.00005")) == D("2.0001")
	assert scoring.quantize(D("2.00015")) == D("2.0002")
	assert weighted_score("0.125", 1) == D("0.0013")


@pytest.mark.parametrize(
	"thresholds", [[92, 93, 93, 95, 96], [96, 95, 94, 93, 92], [1, 2, 3, 4], [1, 2, 3, 4, 5, 6]]
)
def test_bad_thresholds_raise_value_error(thresholds):
	with pytest.raises(ValueError):
		level_score(94, thresholds)


def test_lower_is_better_needs_decreasing_thresholds():
	with pytest.raises(ValueError, match="strictly decreasing"):
		level_score(94, BUDGET, lower_is_better=True)


@pytest.mark.parametrize("bad", [None, [1], object(), True, b"94"])
def test_non_numbers_raise_type_error(bad):
	with pytest.raises(TypeError):
		level_score(bad, BUDGET)


@pytest.mark.parametrize("bad", ["abc", "", "1e", "NaN", "Infinity"])
def test_unparseable_strings_raise_value_error(bad):
	with pytest.raises(ValueError):
		to_decimal(bad)


def test_float_goes_through_str():
	assert to_decimal(0.1) == D("0.1")
	assert to_decimal("1,234.5") == D("1234.5")


@pytest.mark.parametrize(
	("met", "expected"),
	[([], 0), ([1], 1), ([1, 2, 4], 2), ([2, 3], 0), ([1, 2, 3, 4, 5], 5), ((3, 1, 2), 3)],
)
def test_milestone_score(met, expected):
	assert milestone_score(met) == D(expected).quantize(D("0.0001"))


@pytest.mark.parametrize("bad", [[0], [6], [1.5], ["1"]])
def test_milestone_rejects_bad_levels(bad):
	with pytest.raises((ValueError, TypeError)):
		milestone_score(bad)


@pytest.mark.parametrize(
	("result", "expected"),
	[(59, "0.0000"), (60, "50.0000"), (65, "62.5000"), (70, "75.0000"), (80, "100.0000"), (99, "100.0000")],
)
def test_tier_score(result, expected):
	assert tier_score(result, [60, 70, 80]) == D(expected)


def test_tier_score_lower_is_better_and_points():
	assert tier_score(15, [20, 15, 10], lower_is_better=True) == D("75.0000")
	assert tier_score(12, [20, 15, 10], points=(1, 2, 3), lower_is_better=True) == D("2.6000")


def test_weighted_average():
	assert weighted_average([(D("3.5"), 10), (5, 30), ("4.8", 60)]) == D("4.7300")
	assert weighted_average([]) == D("0.0000")
	assert weighted_average([(5, 0)]) == D("0.0000")


def test_score_line_dispatch():
	assert score_line("Five Level", "94.5", BUDGET) == D("3.5000")
	assert score_line("Milestone", "1,2,3", []) == D("3.0000")
	assert score_line("Tier", 70, [60, 70, 80, 0, 0]) == D("75.0000")
	with pytest.raises(ValueError):
		score_line("Unknown", 1, BUDGET)
	with pytest.raises(ValueError):
		score_line("Milestone", "one,two", [])


def test_grade_and_rank():
	bands = [("Excellent", "4.5"), ("Good", "3.5"), ("Fair", 0)]
	assert [grade(s, bands) for s in ("4.5", "4.4999", "3.5", "0")] == ["Excellent", "Good", "Good", "Fair"]
	assert grade("-1", bands) == ""
	assert rank([D(3), D(4), D(4), D(1)]) == [3, 1, 1, 4]


def test_score_needed_is_the_inverse():
	for wanted in ("1", "2.5", "3.5", "4.75", "5"):
		assert level_score(score_needed(wanted, BUDGET), BUDGET) == D(wanted).quantize(D("0.0001"))
	assert score_needed("3.5", [10, 9, 8, 7, 6], lower_is_better=True) == D("7.5000")
	with pytest.raises(ValueError):
		score_needed(6, BUDGET)


OPDC_TIERS = (50, 70, 100)
TIER_TARGETS = [70, 75, 80]


@pytest.mark.parametrize(
	("wanted", "expected"),
	[
		(85, "77.5"),  # standard 75 + (85 − 70) / (100 − 70) × (80 − 75)
		(70, "75"),
		(60, "72.5"),  # basic 70 + (60 − 50) / (70 − 50) × (75 − 70)
		(50, "70"),
		("62.5", "73.125"),
		(30, "70"),  # below the basic tier's points: the basic target
		(0, "70"),
		(100, "80"),
	],
)
def test_tier_result_needed(wanted, expected):
	needed = score_needed(wanted, TIER_TARGETS, scheme=scoring.TIER, tier_points=OPDC_TIERS)
	assert needed == D(expected)


def test_tier_result_needed_lower_is_better_and_other_points():
	# service days 10 / 8 / 6, lower is better: 85 points lie halfway from standard (8) to advanced (6)
	days = [10, 8, 6]
	assert score_needed(85, days, lower_is_better=True, scheme=scoring.TIER, tier_points=OPDC_TIERS) == 7
	assert score_needed(60, days, lower_is_better=True, scheme=scoring.TIER, tier_points=OPDC_TIERS) == 9
	# the default tiers 50 / 75 / 100: 87.5 points lie halfway from standard to advanced
	assert score_needed("87.5", TIER_TARGETS, scheme=scoring.TIER) == D("77.5")
	# above the advanced tier's points (here 90): the advanced target
	assert score_needed(95, TIER_TARGETS, scheme=scoring.TIER, tier_points=(50, 70, 90)) == 80


def test_result_needed_is_shown_rounded_toward_better():
	# 80 points: 75 + 10 / 30 × 5 = 76.666…, exact enough to score 80 again; shown as 76.6667, which
	# reaches 80 (70 + 30 × 1.6667 / 5 = 80.0002) where 76.6666 would not
	needed = score_needed(80, TIER_TARGETS, scheme=scoring.TIER, tier_points=OPDC_TIERS)
	assert score_line(scoring.TIER, needed, TIER_TARGETS, tier_points=OPDC_TIERS) == D("80.0000")
	shown = scoring.result_to_show(needed)
	assert shown == D("76.6667")
	assert score_line(scoring.TIER, shown, TIER_TARGETS, tier_points=OPDC_TIERS) == D("80.0002")
	# lower is better rounds down: 8 − 10 / 30 × 2 = 7.333… shown as 7.3333, 70 + 30 × 0.6667 / 2 = 80.0005
	days = [10, 8, 6]
	needed = score_needed(80, days, lower_is_better=True, scheme=scoring.TIER, tier_points=OPDC_TIERS)
	shown = scoring.result_to_show(needed, lower_is_better=True)
	assert shown == D("7.3333")
	assert score_line(scoring.TIER, shown, days, lower_is_better=True, tier_points=OPDC_TIERS) == D("80.0005")
	assert scoring.result_to_show(score_needed("3.5", BUDGET)) == D("94.5000")


@pytest.mark.parametrize(
	("wanted", "scheme", "points"),
	[
		(101, scoring.TIER, OPDC_TIERS),
		(-1, scoring.TIER, OPDC_TIERS),
		("0.5", scoring.FIVE_LEVEL, OPDC_TIERS),
		(3, scoring.MILESTONE, OPDC_TIERS),
		(80, scoring.TIER, (50, 50, 100)),
		(80, scoring.TIER, (50, 100)),
	],
)
def test_result_needed_refusals(wanted, scheme, points):
	with pytest.raises(ValueError):
		score_needed(wanted, TIER_TARGETS, scheme=scheme, tier_points=points)


@pytest.mark.parametrize(
	("scheme", "score", "expected"),
	[
		(scoring.FIVE_LEVEL, "2.9999", True),
		(scoring.FIVE_LEVEL, 3, False),
		(scoring.FIVE_LEVEL, None, True),
		(scoring.MILESTONE, 2, True),
		(scoring.TIER, 60, True),  # below the standard tier's 70 points
		(scoring.TIER, "69.9999", True),
		(scoring.TIER, 70, False),
		(scoring.TIER, 75, False),
		(scoring.TIER, 4, True),  # 4 of 100, never "4 of 5"
	],
)
def test_below_target_on_each_scale(scheme, score, expected):
	assert scoring.below_target(scheme, score, OPDC_TIERS) is expected


def test_below_target_with_the_default_tiers_and_signed_rules():
	assert scoring.below_target(scoring.TIER, 72) is True  # standard at 75 of the default 50 / 75 / 100
	signed = {"below_level_one_rule": "Score 1", "tier_points": ["50.0", "70.0", "100.0"]}
	arguments = scoring.rule_arguments(signed)
	assert arguments == {"below_first": D(1), "tier_points": ("50.0", "70.0", "100.0")}
	assert scoring.below_target(scoring.TIER, 72, arguments["tier_points"]) is False
	assert scoring.rule_arguments({}) == {"below_first": D(0), "tier_points": scoring.TIER_POINTS}
	assert level_score(80, BUDGET, **{"below_first": arguments["below_first"]}) == D(1)


# --- properties

decimals = st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False, allow_infinity=False)


@st.composite
def threshold_sets(draw):
	start = draw(st.decimals(min_value=-500, max_value=500, places=2))
	steps = draw(st.lists(st.decimals(min_value="0.01", max_value=100, places=2), min_size=4, max_size=4))
	values = [start]
	for step in steps:
		values.append(values[-1] + step)
	return values


@settings(max_examples=1500)
@given(threshold_sets(), decimals, st.sampled_from(["0", "1"]))
def test_scores_stay_in_bounds_and_are_decimal(thresholds, result, below):
	score = level_score(result, thresholds, below_first=below)
	assert isinstance(score, D)
	assert D(below) <= score <= 5 or score == 0
	assert score.as_tuple().exponent == -4


@settings(max_examples=1000)
@given(threshold_sets(), decimals, decimals)
def test_never_decreases_as_result_improves(thresholds, a, b):
	low, high = sorted((a, b))
	assert level_score(low, thresholds) <= level_score(high, thresholds)


@settings(max_examples=500)
@given(threshold_sets(), st.integers(min_value=0, max_value=4))
def test_continuous_at_every_threshold(thresholds, k):
	at = level_score(thresholds[k], thresholds)
	assert at == k + 1
	if k:
		just_below = level_score(thresholds[k] - D("0.000001"), thresholds)
		assert at - just_below <= D("0.0001")


@settings(max_examples=1000)
@given(threshold_sets(), st.decimals(min_value=1, max_value=5, places=4), st.booleans())
def test_five_level_result_needed_scores_the_target(thresholds, wanted, lower):
	values = [-t for t in thresholds] if lower else thresholds
	needed = score_needed(wanted, values, lower_is_better=lower)
	assert score_line(scoring.FIVE_LEVEL, needed, values, lower_is_better=lower) == wanted
	shown = scoring.result_to_show(needed, lower_is_better=lower)
	assert score_line(scoring.FIVE_LEVEL, shown, values, lower_is_better=lower) >= wanted


@st.composite
def tier_point_sets(draw):
	basic = draw(st.decimals(min_value=1, max_value=98, places=2))
	standard = draw(st.decimals(min_value=basic + D("0.01"), max_value=99, places=2))
	return basic, standard, draw(st.decimals(min_value=standard + D("0.01"), max_value=100, places=2))


@settings(max_examples=1000)
@given(threshold_sets(), tier_point_sets(), st.booleans(), st.data())
def test_tier_result_needed_scores_the_target(thresholds, points, lower, data):
	values = [-t for t in thresholds[:3]] if lower else thresholds[:3]
	basic, _standard, advanced = points
	arguments = {"lower_is_better": lower, "tier_points": points}
	wanted = data.draw(st.decimals(min_value=basic, max_value=advanced, places=4))
	needed = score_needed(wanted, values, scheme=scoring.TIER, **arguments)
	assert score_line(scoring.TIER, needed, values, **arguments) == wanted
	shown = scoring.result_to_show(needed, lower_is_better=lower)
	assert score_line(scoring.TIER, shown, values, **arguments) >= wanted
	below = data.draw(st.decimals(min_value=0, max_value=basic, places=4))
	assert score_needed(below, values, scheme=scoring.TIER, **arguments) == values[0]
	above = data.draw(st.decimals(min_value=advanced, max_value=100, places=4))
	assert score_needed(above, values, scheme=scoring.TIER, **arguments) == values[-1]


@settings(max_examples=1000)
@given(threshold_sets(), decimals)
def test_lower_is_better_mirrors_higher_is_better(thresholds, result):
	mirrored = [-t for t in thresholds]
	assert level_score(-result, mirrored, lower_is_better=True) == level_score(result, thresholds)


@settings(max_examples=500)
@given(
	st.lists(
		st.tuples(st.decimals(0, 5, places=4), st.decimals("0.01", 100, places=2)), min_size=1, max_size=30
	)
)
def test_weighted_average_between_min_and_max(lines):
	value = weighted_average(lines)
	scores = [s for s, _w in lines]
	assert min(scores) - D("0.0001") <= value <= max(scores) + D("0.0001")


@settings(max_examples=500)
@given(st.one_of(st.floats(allow_nan=True), st.text(max_size=8), st.integers(), st.none()))
def test_to_decimal_only_type_or_value_errors(value):
	try:
		assert isinstance(to_decimal(value), D)
	except (TypeError, ValueError):
		pass


# --- fuzzing the input paths: thousands of generated entries, only clean outcomes

anything = st.one_of(
	st.text(max_size=20),
	st.floats(allow_nan=True, allow_infinity=True),
	st.integers(min_value=-(10**30), max_value=10**30),
	st.decimals(allow_nan=True, allow_infinity=True),
	st.none(),
	st.booleans(),
	st.lists(st.integers(), max_size=3),
)


@settings(max_examples=3000)
@given(anything)
def test_parse_number_gives_decimal_none_or_value_error(value):
	try:
		parsed = scoring.parse_number(value)
	except ValueError:
		return
	assert parsed is None or (isinstance(parsed, D) and parsed.is_finite() and abs(parsed) < scoring.LIMIT)


@settings(max_examples=3000)
@given(st.sampled_from(scoring.SCHEMES), anything, st.lists(anything, min_size=0, max_size=6), st.booleans())
def test_score_line_never_fails_unexpectedly(scheme, result, thresholds, lower):
	try:
		score = score_line(scheme, result, thresholds, lower_is_better=lower)
	except (ValueError, TypeError):
		return
	assert isinstance(score, D)
	assert 0 <= score <= scoring.max_score(scheme)


def test_tier_points_and_grade_bands_follow_the_framework():
	# OPDC FY2567 tiers: 50 / 70 / 100; a result halfway between standard (75) and advanced (80)
	assert scoring.score_line(scoring.TIER, "77.5", [70, 75, 80], tier_points=(50, 70, 100)) == D("85.0000")
	assert scoring.score_line(scoring.TIER, "77.5", [70, 75, 80]) == D("87.5000")
	bands = [("Excellent", "4.5"), ("Good", "3.5"), ("Needs Improvement", "0")]
	assert scoring.bands_for(scoring.TIER, bands) == [
		("Excellent", D("90.0000")),
		("Good", D("70.0000")),
		("Needs Improvement", D("0.0000")),
	]
	# 35.75 of 100 is not excellent on the tier scale
	assert scoring.grade("35.75", scoring.bands_for(scoring.TIER, bands)) == "Needs Improvement"
	assert scoring.bands_for(scoring.FIVE_LEVEL, bands)[0] == ("Excellent", D("4.5000"))


@given(
	st.lists(
		st.tuples(
			st.decimals(min_value=0, max_value=5, places=4, allow_nan=False, allow_infinity=False),
			st.integers(min_value=1, max_value=4000),  # weights in hundredths: 0.01 to 40.00
		),
		min_size=1,
		max_size=25,
	)
)
def test_printed_weighted_scores_add_up_to_the_printed_total(lines):
	pairs = [(score, D(cents) / 100) for score, cents in lines]
	total_weight = sum(weight for _score, weight in pairs)
	printed = [scoring.weighted_score(score, weight, total_weight) for score, weight in pairs]
	total = scoring.weighted_total(pairs)
	assert total == sum(printed)  # the column adds up exactly, as printed to 4 places
	assert abs(total - scoring.weighted_average(pairs)) <= D("0.00005") * len(pairs) + D("0.00005")
	assert all(scoring.to_decimal(scoring.weight_text(w)) == w for _s, w in pairs)  # weights print as entered


def test_weights_print_as_entered():
	assert [scoring.weight_text(w) for w in ("2.5", "0.25", "10", "7.50")] == ["2.5", "0.25", "10", "7.5"]
