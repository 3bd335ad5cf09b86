"""A small department for the integration tests, and the test base class of the running Frappe."""

from __future__ import annotations

import frappe

from kpi_agreement.demo.builders import (
	bind_user_to_unit,
	make_agreement,
	make_framework,
	make_indicator,
	make_unit,
	make_user,
)
from kpi_agreement.frappe_free import process, scoring

try:  # Frappe v16
	from frappe.tests import IntegrationTestCase as KPITestCase
except ImportError:  # Frappe v15
	from frappe.tests.utils import FrappeTestCase as KPITestCase

__all__ = [
	"BUDGET",
	"DAYS",
	"TIER_POINTS",
	"KPITestCase",
	"agreement_for",
	"bind_head",
	"build_department",
	"build_tier_department",
	"forget_department",
	"make_tier_indicator",
	"make_users",
	"set_tier_points",
	"user",
]

DOMAIN = "test.kpi.example"
USERS = {
	"coordinator": process.COORDINATOR,
	"owner": process.INDICATOR_OWNER,
	"collector": process.DATA_COLLECTOR,
	"executive": process.EXECUTIVE,
	"committee": process.COMMITTEE,
	"head": process.UNIT_HEAD,
	"plain": None,
}
BUDGET = (92, 93, 94, 95, 96)
DAYS = (10, 9, 8, 7, 6)
TIER_POINTS = (50, 70, 100)
"""The points of the basic, standard and advanced tiers of a tier framework, on its 0-100 scale."""


def user(key: str) -> str:
	return f"{key}@{DOMAIN}"


def make_users() -> dict:
	return {
		key: make_user(user(key), f"Test {key.title()}", [role] if role else [], "en")
		for key, role in USERS.items()
	}


def build_department(prefix: str, fiscal_year: int = 2569, units: str = "ABC") -> frappe._dict:
	"""A department with one bureau, leaf units, a two-dimension framework and two indicators per unit."""
	make_users()
	root = make_unit(f"{prefix} Department", None, "Department", is_group=1)
	bureau = make_unit(f"{prefix} Bureau", root, "Bureau", is_group=1)
	leaves = [make_unit(f"{prefix} Unit {c}", bureau, "Group", head=user("head")) for c in units]
	framework = make_framework(root, fiscal_year, dimensions=(("D1", 60), ("D2", 40)))
	people = {"indicator_owner": user("owner"), "data_collector": user("collector")}
	indicators = {
		unit: (
			make_indicator(framework, f"{i}.1", f"Budget disbursement {unit}", "D1", BUDGET, **people),
			make_indicator(
				framework, f"{i}.2", f"Service days {unit}", "D2", DAYS, direction="Lower is better", **people
			),
		)
		for i, unit in enumerate(leaves, start=1)
	}
	return frappe._dict(root=root, bureau=bureau, units=leaves, framework=framework, indicators=indicators)


def agreement_for(dept: frappe._dict, unit: str) -> str:
	first, second = dept.indicators[unit]
	return make_agreement(unit, dept.framework, [(first, 60), (second, 40)])


def forget_department(framework: str) -> None:
	"""Remove a framework's agreements and assessments with their rows (committed), so that the suites after
	it find nothing of them waiting on anyone (digests, My Work)."""
	tables = {
		"KPI Result Entry": (),
		"KPI Assessment": ("KPI Assessment Line", "KPI Assessment Event", "KPI Assessment Evidence"),
		"KPI Agreement": ("KPI Agreement Line", "KPI Agreement Step", "KPI Agreement Round Target"),
	}
	for doctype, children in tables.items():
		names = frappe.get_all(doctype, {"framework": framework}, pluck="name") or [""]
		for child in children:
			frappe.db.delete(child, {"parent": ("in", names)})
		frappe.db.delete(doctype, {"name": ("in", names)})
	frappe.db.commit()


def bind_head(unit: str) -> None:
	bind_user_to_unit(user("head"), unit)


def build_tier_department(prefix: str, fiscal_year: int = 2569, points=TIER_POINTS) -> frappe._dict:
	"""A department with one unit and a three-tier framework (one dimension, D1, 100 %) scored 0-100, its tiers
	worth ``points`` (``framework_doc`` is the framework as saved); its indicators come from
	``make_tier_indicator``."""
	make_users()
	root = make_unit(f"{prefix} Department", None, "Department", is_group=1)
	unit = make_unit(f"{prefix} Unit", root, "Group", head=user("head"))
	framework = frappe.get_doc("KPI Framework", make_framework(root, fiscal_year, dimensions=(("D1", 100),)))
	framework.scoring_scheme = scoring.TIER
	set_tier_points(framework, points)
	return frappe._dict(root=root, unit=unit, framework=framework.name, framework_doc=framework)


def set_tier_points(framework: frappe.model.document.Document, points) -> None:
	"""The framework's basic, standard and advanced tiers worth ``points``, saved."""
	framework.tier_1_points, framework.tier_2_points, framework.tier_3_points = points
	framework.save()


def make_tier_indicator(framework: str, code: str, name: str, targets, **extra) -> str:
	"""A tier indicator of the tier framework's D1 with its basic, standard and advanced ``targets``, owned and
	collected by the test users."""
	people = {"indicator_owner": user("owner"), "data_collector": user("collector")}
	return make_indicator(
		framework, code, name, "D1", targets, scoring_scheme=scoring.TIER, **people, **extra
	)
