"""Department scorecard: composites per unit and dimension, ties in rank, grades."""

from decimal import Decimal as D

from kpi_agreement.frappe_free import ranking

BANDS = [("Excellent", "4.5"), ("Good", "3.5"), ("Fair", "0")]


def test_unit_and_dimension_composites():
	units = ranking.unit_scores(
		[
			("A", "D1", "5", 40),
			("A", "D1", "3", 20),
			("A", "D2", "4", 40),
			("B", "D1", "3.5", 100),
		]
	)
	assert units["A"].composite == D("4.2000")
	assert units["A"].dimensions["D1"] == (D("4.3333"), D(60))
	assert units["B"].composite == D("3.5000")


def test_dimension_scores_round_trip_as_exact_text():
	unit = ranking.unit_scores([("A", "มิติที่ 1", "5", 40), ("A", "มิติที่ 1", "3", 20), ("A", "D2", "4", 40)])["A"]
	text = ranking.dimensions_json(unit.dimensions)
	assert '"มิติที่ 1": {"score": "4.3333", "weight": "60.0000"}' in text
	assert ranking.dimensions_from_json(text) == {"D2": (D("4.0000"), D(40)), "มิติที่ 1": (D("4.3333"), D(60))}
	assert ranking.dimensions_from_json(None) == {}


def test_recorded_scores_read_back_exactly():
	text = ranking.dimensions_json({"D1": (D("4.33333"), D(60))})
	units = ranking.recorded_scores([("A", D("4.200000000"), text), ("B", None, None)])
	assert units["A"].composite == D("4.2000")
	assert units["A"].dimensions == {"D1": (D("4.3333"), D("60.0000"))}
	assert (units["B"].composite, units["B"].dimensions) == (D("0.0000"), {})


def test_one_assessments_dimension_scores():
	lines = [("D1", "5", 40), ("D1", "3", 20), ("D2", "4", 40)]
	assert ranking.dimension_scores(lines) == {"D1": (D("4.3333"), D(60)), "D2": (D("4.0000"), D(40))}
	assert ranking.dimension_scores([]) == {}


def test_ties_share_a_rank_and_grades_follow_bands():
	units = ranking.unit_scores(
		[("A", "", "4.5", 100), ("B", "", "4.5", 100), ("C", "", "3", 100), ("D", "", "3.6", 100)]
	)
	ranked = ranking.rank_and_grade(units.values(), BANDS)
	assert [(u.unit, u.rank, u.grade) for u in ranked] == [
		("A", 1, "Excellent"),
		("B", 1, "Excellent"),
		("D", 3, "Good"),
		("C", 4, "Fair"),
	]
	assert ranking.average(ranked) == D("3.9000")
