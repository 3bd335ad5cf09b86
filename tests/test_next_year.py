"""Copy to Next Fiscal Year and the Year's Workbook: the core's rules."""

import datetime as dt
from decimal import Decimal as D

import pytest

from kpi_agreement.frappe_free import next_year, thai, year_workbook


@pytest.mark.parametrize(
	("cut_off", "moved"),
	[
		("2026-03-31", dt.date(2027, 3, 31)),
		("2026-06-30", dt.date(2027, 6, 30)),
		("2026-09-30", dt.date(2027, 9, 30)),
		("2027-02-28", dt.date(2028, 2, 29)),  # the month's last day stays the last day
		("2028-02-29", dt.date(2029, 2, 28)),
		("2026-03-15", dt.date(2027, 3, 15)),
		("2025-12-31", dt.date(2026, 12, 31)),
	],
)
def test_cut_offs_move_a_year_on(cut_off, moved):
	assert next_year.next_cut_off(cut_off) == moved


@pytest.mark.parametrize("fiscal_year", [2569, 2570, 2571, 2572])
@pytest.mark.parametrize("months", [6, 9, 12])
def test_standard_cut_offs_stay_standard(fiscal_year, months):
	start, end = thai.fiscal_year_dates(fiscal_year + 1)
	moved = next_year.next_cut_off(thai.round_cut_off(fiscal_year, months))
	assert moved == thai.round_cut_off(fiscal_year + 1, months)
	assert start <= moved <= end


def test_codes_sort_by_their_numbers():
	codes = ["2.1", "1.10", "1.2", "", "1.2.1", "ก.1", "10"]
	assert sorted(codes, key=next_year.code_order) == ["", "1.2", "1.2.1", "1.10", "2.1", "10", "ก.1"]


def test_titles_name_the_next_year():
	assert next_year.next_title("Assessment Framework FY 2569", 2569, 2570) == "Assessment Framework FY 2570"
	assert next_year.next_title("กรอบการประเมิน ปีงบประมาณ ๒๕๖๙", 2569, 2570) == "กรอบการประเมิน ปีงบประมาณ ๒๕๗๐"
	assert next_year.next_title("กรอบการประเมินของกรม", 2569, 2570) == "กรอบการประเมินของกรม"
	assert next_year.next_title(None, 2569, 2570) is None


def test_the_final_result_is_the_committees_when_it_gave_one():
	assert next_year.final_result("94.5", "93") == ("93", True)
	assert next_year.final_result("94.5", "  ") == ("94.5", False)
	assert next_year.final_result(None, None) == ("", False)


def test_baseline_values():
	assert next_year.baseline_value("Five Level", "94.5") == D("94.5")
	assert next_year.baseline_value("Tier", "1,234.5") == D("1234.5")
	assert next_year.baseline_value("Milestone", "1,2,3") == D("3.0000")  # the level reached
	assert next_year.baseline_value("Milestone", "1,3") == D("1.0000")
	assert next_year.baseline_value("Five Level", "n/a") is None
	assert next_year.baseline_value("Five Level", "") is None


def test_the_responsible_units_result():
	assert next_year.responsible_unit("B", ["A", "B"]) == "B"
	assert next_year.responsible_unit("C", ["A", "B"]) == "C"  # its result is C's, or none
	assert next_year.responsible_unit(None, ["A", "B", "A"]) is None  # shared, none responsible
	assert next_year.responsible_unit(None, ["A", "A"]) == "A"
	assert next_year.responsible_unit(None, []) is None


def rows(*years):
	return [{"fiscal_year": year, "result": year - 2400, "note": ""} for year in years]


def years(baselines):
	return [row["fiscal_year"] for row in baselines]


def test_last_years_result_becomes_the_newest_baseline_column():
	assert years(next_year.rolled_baselines([], 2569, D("94"))) == [2569]
	assert years(next_year.rolled_baselines(rows(2568), 2569, D("94"))) == [2568, 2569]
	assert years(next_year.rolled_baselines(rows(2567, 2568), 2569, D("94"))) == [2567, 2568, 2569]
	rolled = next_year.rolled_baselines(rows(2568, 2566, 2567), 2569, D("94"), "12-month result")
	assert years(rolled) == [2567, 2568, 2569]  # three columns: the oldest drops off
	assert rolled[-1] == {"fiscal_year": 2569, "result": D("94"), "note": "12-month result"}
	assert years(next_year.rolled_baselines(rows(2564, 2565, 2566, 2567, 2568), 2569, D("1"))) == [
		2565,
		2566,
		2567,
		2568,
		2569,
	]  # a sheet that kept five years keeps five


def test_a_figure_entered_for_last_year_gives_way_to_its_result():
	rolled = next_year.rolled_baselines(rows(2567, 2568, 2569), 2569, D("94"))
	assert years(rolled) == [2567, 2568, 2569]
	assert rolled[-1]["result"] == D("94")


def test_without_a_result_the_baselines_are_kept():
	assert years(next_year.rolled_baselines(rows(2568, 2567), 2569, None)) == [2567, 2568]


def test_workbook_rows_hold_numbers_as_exact_decimals():
	record = {
		"unit": "กองคลัง",
		"unit_level": "กอง",
		"indicator_code": "1.1",
		"indicator_name": "ร้อยละการเบิกจ่าย",
		"dimension": "มิติที่ 1",
		"scoring_scheme": "Five Level",
		"weight": 2.5,
		**{f"level_{k}": 91 + k for k in range(1, 6)},
		"result": "94.5",
		"self_score": 3.5,
		"committee_score": "4.8",
		"score": 4.8,
		"weighted_score": 0.12,
		"total_score": D("3.3"),
		"rank": 2,
		"grade": "ดี",
	}
	values = dict(zip((field for field, _kind in year_workbook.COLUMNS), year_workbook.row(record)))
	assert values["weight"] == D("2.50")
	assert values["level_3"] == D("94")
	assert values["result"] == D("94.5")
	assert (values["self_score"], values["committee_score"], values["score"]) == (
		D("3.5000"),
		D("4.8000"),
		D("4.8000"),
	)
	assert (values["weighted_score"], values["total_score"], values["rank"]) == (D("0.1200"), D("3.3000"), 2)
	assert values["unit"] == "กองคลัง" and values["grade"] == "ดี"


def test_workbook_rows_of_other_schemes_and_empty_scores():
	tier = year_workbook.row({"scoring_scheme": "Tier", "level_3": 96, "level_4": 0, "level_5": 0})
	fields = [field for field, _kind in year_workbook.COLUMNS]
	assert tier[fields.index("level_3")] == D("96")
	assert tier[fields.index("level_4")] is None  # three tiers, no fourth target
	milestone = year_workbook.row({"scoring_scheme": "Milestone", "result": "1,2,3", "level_1": 0})
	assert milestone[fields.index("result")] == "1,2,3"  # levels met, as text
	assert milestone[fields.index("level_1")] is None
	assert milestone[fields.index("committee_score")] is None  # never given: empty, not 0
	assert milestone[fields.index("rank")] is None


def test_workbook_text_stays_text():
	fields = [field for field, _kind in year_workbook.COLUMNS]
	values = year_workbook.row({"indicator_name": '=HYPERLINK("x")\x07', "result": "ไม่มีผล"})
	assert values[fields.index("indicator_name")] == '=HYPERLINK("x")'
	assert values[fields.index("result")] == "ไม่มีผล"
