"""Builders of KPI documents: units, users, frameworks, indicators, agreements moved along the workflow,
assessments. The demo department and the integration tests are made with them."""

from __future__ import annotations

import frappe
from frappe.model.workflow import apply_workflow

from kpi_agreement.frappe_free import process
from kpi_agreement.frappe_free.rounds import OPTIONS as ROUNDS

PASSWORD_KEY = "kpi_demo_password"
DIMENSIONS = process.DIMENSIONS


def make_user(email: str, full_name: str, roles: list[str], language: str = "th") -> str:
	if not frappe.db.exists("User", email):
		first, _, last = full_name.partition(" ")
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first,
				"last_name": last,
				"language": language,
				"send_welcome_email": 0,
				"new_password": demo_password(),
			}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	user.add_roles(*roles)
	return email


def make_unit(
	name: str, parent: str | None, unit_type: str, is_group: int = 0, head: str | None = None
) -> str:
	if not frappe.db.exists("KPI Unit", name):
		frappe.get_doc(
			{
				"doctype": "KPI Unit",
				"unit_name": name,
				"parent_kpi_unit": parent,
				"unit_type": unit_type,
				"is_group": is_group,
				"unit_head": head,
			}
		).insert(ignore_permissions=True)
	return name


def bind_user_to_unit(user: str, unit: str) -> None:
	if not frappe.db.exists("User Permission", {"user": user, "allow": "KPI Unit", "for_value": unit}):
		frappe.get_doc(
			{"doctype": "User Permission", "user": user, "allow": "KPI Unit", "for_value": unit}
		).insert(ignore_permissions=True)


def make_framework(
	department: str,
	fiscal_year: int,
	dimensions=DIMENSIONS,
	rounds=ROUNDS,
	reviewed: bool = True,
	**extra,
) -> str:
	"""A framework of the department and year (reviewed, unless asked otherwise, so agreements can start)."""
	existing = frappe.db.exists("KPI Framework", {"department": department, "fiscal_year": fiscal_year})
	if existing:
		return existing
	framework = frappe.get_doc(
		{
			"doctype": "KPI Framework",
			"department": department,
			"fiscal_year": fiscal_year,
			"dimensions": [{"dimension": name, "weight": weight} for name, weight in dimensions],
			"rounds": [{"months": months} for months in rounds],
			**extra,
		}
	).insert(ignore_permissions=True)
	if reviewed:
		framework.mark_reviewed()
	return framework.name


def make_indicator(framework: str, code: str, name: str, dimension: str, thresholds, **extra) -> str:
	"""The framework's indicator of this code (made when there is none: a code is the framework's once)."""
	existing = frappe.db.exists("KPI Indicator", {"framework": framework, "indicator_code": code})
	if existing:
		return existing
	doc = frappe.get_doc(
		{
			"doctype": "KPI Indicator",
			"framework": framework,
			"indicator_code": code,
			"indicator_name": name,
			"dimension": dimension,
			"unit_of_measure": extra.pop("unit_of_measure", "ร้อยละ"),
			"direction": extra.pop("direction", "Higher is better"),
			"definition": extra.pop("definition", f"{name} ในปีงบประมาณที่ประเมิน"),
			"formula": extra.pop("formula", "ผลการดำเนินงาน ÷ เป้าหมาย × ๑๐๐"),
			"required_evidence": extra.pop("required_evidence", "รายงานผลการดำเนินงานพร้อมเอกสารหลักฐาน"),
			"levels": [{"level": k, "threshold": t} for k, t in enumerate(thresholds, start=1)],
			**extra,
		}
	)
	return doc.insert(ignore_permissions=True).name


def make_agreement(unit: str, framework: str, lines: list[tuple[str, int]], **extra) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "KPI Agreement",
			"unit": unit,
			"framework": framework,
			"lines": [{"indicator": indicator, "weight": weight} for indicator, weight in lines],
			"executive_name": extra.pop("executive_name", "นายประยุทธ มั่นคง"),
			"executive_position": extra.pop("executive_position", "อธิบดี"),
			**extra,
		}
	)
	return doc.insert(ignore_permissions=True).name


def advance(agreement: str, until: str) -> None:
	"""Take the workflow's forward actions until the agreement reaches ``until``."""
	order = [step.state for step in process.STEPS]
	while True:
		doc = frappe.get_doc("KPI Agreement", agreement)
		if order.index(doc.workflow_state) >= order.index(until):
			return
		if doc.workflow_state == process.SIGNED and not doc.booklet:
			doc.generate_booklet()
			doc.reload()
		action = next(
			t.action
			for t in process.TRANSITIONS
			if t.state == doc.workflow_state and t.action != process.RETURN_ACTION
		)
		apply_workflow(doc, action)


def make_assessment(agreement: str, round_months: str, results: list, submit: bool = True) -> str:
	doc = frappe.get_doc({"doctype": "KPI Assessment", "agreement": agreement, "round_months": round_months})
	doc.set_lines()
	for line, result in zip(doc.lines, results):
		line.self_result = str(result)
	doc.insert(ignore_permissions=True)
	if submit:
		doc.submit()
	return doc.name


def demo_password() -> str:
	"""The demo users' password: the site's own (site config), never one written in this code."""
	password = frappe.conf.get(PASSWORD_KEY)
	if not password:
		from frappe.installer import update_site_config

		password = frappe.generate_hash(length=20)
		update_site_config(PASSWORD_KEY, password)
		frappe.local.conf[PASSWORD_KEY] = password
	return password
