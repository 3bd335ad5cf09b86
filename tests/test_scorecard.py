"""Department scorecard: weighted totals per unit and dimension, ties in rank, grades."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from kpi_agreement.frappe_free import ranking, scoring, units

BANDS = [("Excellent", "4.5"), ("Good", "3.5"), ("Fair", "0")]


def test_dimension_scores_round_trip_as_exact_text():
	dimensions = ranking.dimension_scores([("มิติที่ 1", "5", 40), ("มิติที่ 1", "3", 20), ("D2", "4", 40)])
	text = ranking.dimensions_json(dimensions)
	assert '"มิติที่ 1": {"score": "4.3333", "weight": "60.0000"}' in text
	assert ranking.dimensions_from_json(text) == {"D2": (D("4.0000"), D(40)), "มิติที่ 1": (D("4.3333"), D(60))}
	assert ranking.dimensions_from_json(None) == {}


def test_recorded_scores_read_back_exactly():
	text = ranking.dimensions_json({"D1": (D("4.33333"), D(60))})
	units = ranking.recorded_scores([("A", D("4.200000000"), text), ("B", None, None)])
	assert units["A"].total_score == D("4.2000")
	assert units["A"].dimensions == {"D1": (D("4.3333"), D("60.0000"))}
	assert (units["B"].total_score, units["B"].dimensions) == (D("0.0000"), {})


def test_one_assessments_dimension_scores():
	lines = [("D1", "5", 40), ("D1", "3", 20), ("D2", "4", 40)]
	assert ranking.dimension_scores(lines) == {"D1": (D("4.3333"), D(60)), "D2": (D("4.0000"), D(40))}
	assert ranking.dimension_scores([]) == {}


def test_ties_share_a_rank_and_grades_follow_bands():
	scores = [
		ranking.UnitScore(unit, D(score))
		for unit, score in [("A", "4.5"), ("B", "4.5"), ("C", "3"), ("D", "3.6")]
	]
	ranked = ranking.rank_and_grade(scores, BANDS)
	assert [(u.unit, u.rank, u.grade) for u in ranked] == [
		("A", 1, "Excellent"),
		("B", 1, "Excellent"),
		("D", 3, "Good"),
		("C", 4, "Fair"),
	]
	assert ranking.average(ranked) == D("3.9000")


def test_units_are_ranked_within_their_level_from_the_department_down():
	scores = [ranking.UnitScore(unit, D(score)) for unit, score in [("G1", "4"), ("B1", "3"), ("G2", "4.5")]]
	scores.append(ranking.UnitScore("B2", D("4.8")))
	levels = {"G1": "Group", "G2": "Group", "B1": "Division", "B2": "Division"}
	ranked = ranking.rank_and_grade(scores, BANDS, level_of=levels)
	assert [(u.unit, u.rank) for u in ranked] == [("B2", 1), ("B1", 2), ("G2", 1), ("G1", 2)]
	together = ranking.rank_and_grade(scores, BANDS, level_of={u: "" for u in levels})
	assert [(u.unit, u.rank) for u in together] == [("B2", 1), ("G2", 2), ("G1", 3), ("B1", 4)]


def test_head_position_by_unit_type():
	assert units.head_position(units.HEAD_TITLES["Section"], "ฝ่ายบริหารทั่วไป") == "หัวหน้าฝ่ายบริหารทั่วไป"
	assert units.head_position(units.HEAD_TITLES["Division"], "กองคลัง") == "ผู้อำนวยการกองคลัง"
	assert units.ranking_level("Group", units.RANK_ALL) == ""
	assert units.ranking_level("Group", units.RANK_BY_LEVEL) == "Group"
	assert units.level_order("Department") < units.level_order("Section") < units.level_order(None)


@settings(max_examples=300, deadline=None)
@given(
	st.lists(
		st.tuples(
			st.sampled_from(["D1", "D2", "D3"]),
			st.decimals(min_value=0, max_value=5, places=4),
			st.decimals(min_value=D("0.01"), max_value=40, places=2),
		),
		min_size=1,
		max_size=25,
	)
)
def test_dimension_points_add_up_to_the_weighted_total_as_printed(lines):
	"""Each dimension's points are its lines' 4-place weighted scores summed: over random fractional
	weights the dimension columns add up exactly to the weighted total the assessment records."""
	total = sum((weight for _d, _s, weight in lines), D(0))
	weighted = [(d, scoring.weighted_score(s, w, total)) for d, s, w in lines]
	points = ranking.dimension_points(weighted)
	assert sum(points.values()) == scoring.weighted_total((s, w) for _d, s, w in lines)
	text = ranking.dimensions_json(ranking.dimension_scores(lines), points)
	assert ranking.points_from_json(text) == {d: scoring.quantize(p) for d, p in points.items()}
