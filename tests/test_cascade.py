"""Line of sight in the core: a parent's result from its children's certified results under each rule,
exactly (4 places, half up), never from partial data unless allowed, and no loop in the tree."""

from decimal import Decimal as D

import pytest

from kpi_agreement.frappe_free import cascade as c


def kids(*rows):
	"""(indicator, result, certified, weight, beside)"""
	return [
		c.Child(i, None if r is None else D(str(r)), ok, None if w is None else D(str(w)), b)
		for i, r, ok, w, b in rows
	]


DISBURSEMENT = kids(("A", 94.5, True, 120, False), ("B", 90, True, 60, False), ("C", 97.25, True, 20, False))


def test_sum_average_minimum_and_weighted_average_by_hand():
	assert c.roll_up(c.SUM, DISBURSEMENT).result == D("281.7500")
	assert c.roll_up(c.AVERAGE, DISBURSEMENT).result == D("93.9167")  # 281.75 / 3 = 93.91666…
	assert c.roll_up(c.MINIMUM, DISBURSEMENT).result == D("90.0000")
	# (94.5×120 + 90×60 + 97.25×20) / 200 = (11340 + 5400 + 1945) / 200 = 93.425
	assert c.roll_up(c.WEIGHTED_AVERAGE, DISBURSEMENT).result == D("93.4250")


def test_half_up_at_the_fifth_place():
	two = kids(("A", "0.00005", True, None, False), ("B", "0.00010", True, None, False))
	assert c.roll_up(c.SUM, two).result == D("0.0002")  # 0.00015 → 0.0002
	assert c.roll_up(
		c.AVERAGE, kids(("A", "0.00003", True, None, False), ("B", "0.00007", True, None, False))
	).result == D("0.0001")  # 0.00005 → 0.0001 (banker's would give 0.0000)


def test_a_missing_or_uncertified_child_stops_the_parent_unless_partial_is_allowed():
	rows = kids(("A", 94.5, True, 1, False), ("B", None, False, 1, False), ("C", 97, False, 1, False))
	rolled = c.roll_up(c.SUM, rows)
	assert (rolled.result, rolled.complete, rolled.missing, rolled.uncertified) == (
		None,
		False,
		("B",),
		("C",),
	)
	partial = c.roll_up(c.SUM, rows, partial=True)
	assert (partial.result, partial.rolled_up) == (D("94.5000"), ("A",))
	assert c.roll_up(c.SUM, kids(("A", None, False, None, False)), partial=True).result is None


def test_children_reported_beside_do_not_count():
	rows = kids(("A", 10, True, None, False), ("B", None, False, None, True), ("C", 30, True, None, False))
	rolled = c.roll_up(c.AVERAGE, rows)
	assert (rolled.result, rolled.complete, rolled.rolled_up) == (D("20.0000"), True, ("A", "C"))


def test_weighted_average_needs_every_weight():
	with pytest.raises(ValueError):
		c.roll_up(c.WEIGHTED_AVERAGE, kids(("A", 10, True, None, False), ("B", 20, True, 5, False)))


def test_loops_are_found():
	parents = {"unit": "bureau", "bureau": "department", "department": None}
	assert c.ancestors("unit", parents) == ["bureau", "department"]
	assert c.loop_through("department", "unit", parents)
	assert c.loop_through("unit", "unit", parents)
	assert not c.loop_through("other", "unit", parents)
	assert not c.loop_through("unit", None, parents)
