"""Department scorecard: composites per unit and dimension, ties in rank, grades."""

from decimal import Decimal as D

from kpi_agreement import scorecard

BANDS = [("Excellent", "4.5"), ("Good", "3.5"), ("Fair", "0")]


def test_unit_and_dimension_composites():
	units = scorecard.unit_scores(
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


def test_ties_share_a_rank_and_grades_follow_bands():
	units = scorecard.unit_scores(
		[("A", "", "4.5", 100), ("B", "", "4.5", 100), ("C", "", "3", 100), ("D", "", "3.6", 100)]
	)
	ranked = scorecard.rank_and_grade(units.values(), BANDS)
	assert [(u.unit, u.rank, u.grade) for u in ranked] == [
		("A", 1, "Excellent"),
		("B", 1, "Excellent"),
		("D", 3, "Good"),
		("C", 4, "Fair"),
	]
	assert scorecard.average(ranked) == D("3.9000")
