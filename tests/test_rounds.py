"""The Round value: parsing the months however they are spelled, the dates a framework leaves empty, when
results are due, the round before (never across fiscal years) and the round now due. Dates by hand on the
FY 2569 calendar (1 Oct 2025 - 30 Sep 2026)."""

import datetime as dt

import pytest

from kpi_agreement.frappe_free import rounds
from kpi_agreement.frappe_free.rounds import Round

CUT_OFFS = {6: dt.date(2026, 3, 31), 9: dt.date(2026, 6, 30), 12: dt.date(2026, 9, 30)}
YEAR = [Round(months, cut_off) for months, cut_off in CUT_OFFS.items()]


def test_the_rounds_of_a_year():
	assert rounds.MONTHS == (6, 9, 12)
	assert rounds.OPTIONS == ("6", "9", "12")
	assert rounds.DEFAULT_ASSESSED in rounds.MONTHS
	assert rounds.boot() == {"options": ["6", "9", "12"], "default": "9"}


@pytest.mark.parametrize("spelled", [9, "9", " 9 ", Round(9)])
def test_months_however_spelled(spelled):
	assert rounds.months_of(spelled) == 9
	assert rounds.key(spelled) == "9"
	assert Round(spelled) == Round(9)


@pytest.mark.parametrize("not_a_round", [None, "", "  ", "7", 7, 0, "nine", "9.5", True, "12 months"])
def test_anything_else_is_not_a_round(not_a_round):
	assert rounds.months_of(not_a_round) is None
	assert rounds.key(not_a_round) == ""
	with pytest.raises(ValueError, match="not a round"):
		Round(not_a_round)


def test_a_round_is_its_months():
	assert Round("12").months == 12 and Round(12).key == "12"
	assert Round(9, CUT_OFFS[9]) == Round(9)  # the same round of the framework, whatever its dates
	assert sorted([Round(12), Round("6"), Round(9)]) == [Round(6), Round(9), Round(12)]
	assert Round(6).line_field == "in_round_6"
	assert rounds.find(YEAR, "9").cut_off == CUT_OFFS[9]
	assert rounds.find(YEAR, 7) is None and rounds.find([Round(6)], "12") is None


def test_dates_a_framework_leaves_empty():
	nine = Round(9).with_dates(2569)
	# 30 June 2026 is a Tuesday: 15 working days later is Tuesday 21 July
	assert (nine.cut_off, nine.assessment_due) == (dt.date(2026, 6, 30), dt.date(2026, 7, 21))
	assert nine.assessment_deadline() == dt.datetime(2026, 7, 21, 23, 59, 59)
	# a holiday on 1 July moves 5 working days from Tue 7 July to Wed 8 July
	assert Round(9).with_dates(2569, 5, [dt.date(2026, 7, 1)]).assessment_due == dt.date(2026, 7, 8)
	given = Round(6, dt.date(2026, 3, 20), dt.date(2026, 4, 30)).with_dates(2569)
	assert (given.cut_off, given.assessment_due) == (dt.date(2026, 3, 20), dt.date(2026, 4, 30))
	assert Round(6).assessment_deadline() is None


def test_results_are_due_working_days_after_the_cut_off():
	nine = Round(9, CUT_OFFS[9])
	assert nine.results_due() == dt.datetime(2026, 7, 14, 23, 59, 59)  # 10 working days after Tue 30 June
	assert nine.results_due(5, [dt.date(2026, 7, 1)]) == dt.datetime(2026, 7, 8, 23, 59, 59)
	assert nine.results_due(0) == dt.datetime(2026, 6, 30)
	assert Round(9).results_due() is None  # no cut-off, no deadline


def test_the_round_before_is_in_the_same_fiscal_year():
	assert rounds.previous(YEAR, "12") == Round(9)
	assert rounds.previous(YEAR, Round(9)) == Round(6)
	assert rounds.previous(YEAR, 6) is None  # a year's first round has none: no change across years
	assert rounds.previous([Round(12), Round(6)], "12") == Round(6)  # the framework's rounds, not 6/9/12
	assert rounds.previous(YEAR, "7") is None


def test_the_round_now_due_is_the_first_open_round_past_its_cut_off():
	july = dt.date(2026, 7, 15)
	assert rounds.now_due(YEAR, [], july) == Round(6)
	assert rounds.now_due(YEAR, ["6"], july) == Round(9)
	assert rounds.now_due(YEAR, [6, "9"], july) == Round(12)  # the next to come
	assert rounds.now_due(YEAR, ["6", "9", "12"], july) is None
	assert rounds.now_due([Round(9), Round(6)], [], dt.date(2026, 1, 1)) == Round(6)
