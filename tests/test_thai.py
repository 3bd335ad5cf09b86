"""Thai digits, Buddhist-era dates and fiscal years."""

import datetime as dt

import pytest

from kpi_agreement.frappe_free import thai


def test_digits():
	assert thai.thai_digits("2569 / 1.5") == "๒๕๖๙ / ๑.๕"
	assert thai.digits(10, False) == "10"


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month(month):
	text = thai.format_date(dt.date(2026, month, 1))
	assert text == f"๑ {thai.MONTHS[month - 1]} ๒๕๖๙"
	assert thai.format_date(dt.date(2026, month, 1), thai_numerals=False, short=True) == (
		f"1 {thai.SHORT_MONTHS[month - 1]} 2569"
	)


def test_design_example_and_inputs():
	assert thai.format_date("2025-10-01") == "๑ ตุลาคม ๒๕๖๘"
	assert thai.format_date(dt.datetime(2025, 10, 1, 23, 59)) == "๑ ตุลาคม ๒๕๖๘"
	assert thai.format_date(None) == ""


@pytest.mark.parametrize(("year", "day"), [(2024, 29), (2023, 28), (2000, 29), (1900, 28)])
def test_leap_years(year, day):
	last = dt.date(year, 3, 1) - dt.timedelta(days=1)
	assert last.day == day
	assert thai.format_date(last, thai_numerals=False) == f"{day} กุมภาพันธ์ {year + 543}"


@pytest.mark.parametrize(
	("day", "fiscal_year"),
	[
		("2025-09-30", 2568),
		("2025-10-01", 2569),
		("2026-09-30", 2569),
		("2026-10-01", 2570),
		("2026-01-01", 2569),
	],
)
def test_fiscal_year_boundaries(day, fiscal_year):
	assert thai.fiscal_year_of(day) == fiscal_year


def test_fiscal_year_dates_and_rounds():
	assert thai.fiscal_year_dates(2569) == (dt.date(2025, 10, 1), dt.date(2026, 9, 30))
	assert thai.round_cut_off(2569, 6) == dt.date(2026, 3, 31)
	assert thai.round_cut_off(2569, 9) == dt.date(2026, 6, 30)
	assert thai.round_cut_off(2569, 12) == dt.date(2026, 9, 30)
	assert thai.round_cut_off(2567, 5) == dt.date(2024, 2, 29)


@pytest.mark.parametrize("bad", [2025, 69, 3000])
def test_fiscal_year_must_be_buddhist_era(bad):
	with pytest.raises(ValueError):
		thai.fiscal_year_dates(bad)


def test_fiscal_year_type():
	with pytest.raises(TypeError):
		thai.fiscal_year_dates("2569")
	with pytest.raises(ValueError):
		thai.round_cut_off(2569, 13)


def test_format_number():
	assert thai.format_number("1234.5", 2) == "1,234.50"
	assert thai.format_number("0.00005", 4, thai_numerals=True) == "๐.๐๐๐๑"
	assert thai.format_number(None) == ""
