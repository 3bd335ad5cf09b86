"""Unit levels: which levels sign agreements, how units are ranked against each other, and the position
title of a unit's head. No Frappe import."""

from __future__ import annotations

DEPARTMENT, BUREAU, DIVISION, GROUP, SECTION = "Department", "Bureau", "Division", "Group", "Section"
UNIT_TYPES = (DEPARTMENT, BUREAU, DIVISION, GROUP, SECTION)
"""From the top of a department down: กรม, สำนัก, กอง, กลุ่มงาน, ฝ่าย."""

SIGNING_FIELDS = {unit_type: f"signs_{unit_type.lower()}" for unit_type in UNIT_TYPES}
"""The framework's check field that says whether units of a level sign agreements."""

HEAD_TITLES = {
	DEPARTMENT: "อธิบดี",
	BUREAU: "ผู้อำนวยการ",
	DIVISION: "ผู้อำนวยการ",
	GROUP: "ผู้อำนวยการ",
	SECTION: "หัวหน้า",
}
"""The title before the unit's name in its head's position (ผู้อำนวยการกองคลัง, หัวหน้าฝ่ายบริหารทั่วไป)."""

RANK_BY_LEVEL, RANK_ALL = "Unit Level", "All Units"
RANK_CHOICES = (RANK_BY_LEVEL, RANK_ALL)


def head_position(title: str | None, unit_name: str) -> str:
	"""The position of a unit's head: the title for its type, then the unit's name."""
	return f"{title or ''}{unit_name}"


def level_order(unit_type: str | None) -> int:
	"""Sort key: levels from the department down; an unknown level last."""
	return UNIT_TYPES.index(unit_type) if unit_type in UNIT_TYPES else len(UNIT_TYPES)


def ranking_level(unit_type: str | None, rank_within: str | None) -> str:
	"""The group a unit is ranked in: its level, or one group for all when ranking all units together."""
	return "" if rank_within == RANK_ALL else unit_type or ""
