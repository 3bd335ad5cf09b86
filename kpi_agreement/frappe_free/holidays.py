"""Thai public holidays on fixed dates, with the substitute day when one falls on a weekend: the defaults
of the holiday list that working-day deadlines skip. The Buddhist holidays (มาฆบูชา, วิสาขบูชา, อาสาฬหบูชา,
เข้าพรรษา) follow the lunar calendar and extra days are announced by the cabinet each year: the coordinator
adds those to the list. No Frappe import."""

from __future__ import annotations

import datetime as dt

from kpi_agreement.frappe_free import thai

FIXED = (
	(1, 1, "วันขึ้นปีใหม่"),
	(4, 6, "วันพระบาทสมเด็จพระพุทธยอดฟ้าจุฬาโลกมหาราชและวันที่ระลึกมหาจักรีบรมราชวงศ์"),
	(4, 13, "วันสงกรานต์"),
	(4, 14, "วันสงกรานต์"),
	(4, 15, "วันสงกรานต์"),
	(5, 4, "วันฉัตรมงคล"),
	(6, 3, "วันเฉลิมพระชนมพรรษาสมเด็จพระนางเจ้าฯ พระบรมราชินี"),
	(7, 28, "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว"),
	(8, 12, "วันเฉลิมพระชนมพรรษาสมเด็จพระบรมราชชนนีพันปีหลวง และวันแม่แห่งชาติ"),
	(10, 13, "วันนวมินทรมหาราช"),
	(10, 23, "วันปิยมหาราช"),
	(12, 5, "วันคล้ายวันพระบรมราชสมภพ รัชกาลที่ ๙ วันชาติ และวันพ่อแห่งชาติ"),
	(12, 10, "วันรัฐธรรมนูญ"),
	(12, 31, "วันสิ้นปี"),
)
SUBSTITUTE = "วันหยุดชดเชย{0}"


def fiscal_year_holidays(fiscal_year_be: int) -> list[tuple[dt.date, str]]:
	"""The fixed-date holidays of a fiscal year (1 October to 30 September), each followed by its substitute
	working day when it falls on a Saturday or Sunday, in date order."""
	start, end = thai.fiscal_year_dates(fiscal_year_be)
	days = sorted(
		(dt.date(year, month, day), name)
		for year in (start.year, end.year)
		for month, day, name in FIXED
		if start <= dt.date(year, month, day) <= end
	)
	taken = {day for day, _name in days}
	result = []
	for day, name in days:
		result.append((day, name))
		if day.weekday() >= 5:
			substitute = day + dt.timedelta(days=7 - day.weekday())
			while substitute in taken or substitute.weekday() >= 5:
				substitute += dt.timedelta(days=1)
			taken.add(substitute)
			result.append((substitute, SUBSTITUTE.format(name)))
	return sorted(result)
