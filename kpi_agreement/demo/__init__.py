"""A realistic demo department in Thai: `bench --site SITE execute kpi_agreement.demo.install`.

It installs only on a site that allows it (`bench --site SITE set-config allow_kpi_demo 1`, or a test run).
Demo users sign in with the site's `kpi_demo_password` (site config); without one, a random password is
made and kept there, so no demo account has a published password. `kpi_agreement.demo.remove` takes the
demo away again and restores the system settings the demo changed. It is built with the document builders
of kpi_agreement/demo/builders.py, which the integration tests use too.
"""

from __future__ import annotations

import frappe
from frappe import _

from kpi_agreement.demo.builders import (
	DIMENSIONS,
	PASSWORD_KEY,
	advance,
	bind_user_to_unit,
	make_agreement,
	make_assessment,
	make_framework,
	make_indicator,
	make_unit,
	make_user,
)
from kpi_agreement.frappe_free import process, thai
from kpi_agreement.setup.install import WORKSPACE

DEMO_FLAG = "kpi_agreement_demo"
SAVED_SETTINGS = "kpi_agreement_demo_saved_settings"
ALLOW_KEY = "allow_kpi_demo"
EMAIL_DOMAIN = "demo.kpi.example"

DEPARTMENT = "กรมส่งเสริมการบริหารตัวอย่าง"
TREE = {
	"สำนักงานเลขานุการกรม": ["ฝ่ายบริหารทั่วไป", "ฝ่ายประชาสัมพันธ์"],
	"กองแผนงาน": ["กลุ่มยุทธศาสตร์และแผนงาน", "กลุ่มติดตามและประเมินผล"],
	"กองคลัง": ["กลุ่มการเงินและบัญชี", "กลุ่มพัสดุ"],
	"กองการเจ้าหน้าที่": ["กลุ่มสรรหาและบรรจุแต่งตั้ง"],
	"ศูนย์เทคโนโลยีสารสนเทศและการสื่อสาร": [],
	"กลุ่มพัฒนาระบบบริหาร": [],
}
UNIT_TYPES = {"สำนัก": "Bureau", "กอง": "Division", "ศูนย์": "Division", "กลุ่ม": "Group", "ฝ่าย": "Section"}
"""A unit's level from the first word of its name (ศูนย์ stands at the level of a กอง)."""

SIGNING = {"signs_division": 1, "signs_group": 1, "signs_section": 1}
"""The demo's agreements are signed by its กอง/ศูนย์, กลุ่มงาน and ฝ่าย."""


def unit_type(name: str) -> str:
	return next(level for prefix, level in UNIT_TYPES.items() if name.startswith(prefix))


# name, dimension index, unit of measure, direction, five thresholds, formula
INDICATORS = (
	(
		"ร้อยละของการเบิกจ่ายงบประมาณรายจ่ายภาพรวม",
		2,
		"ร้อยละ",
		"Higher is better",
		(92, 93, 94, 95, 96),
		"(งบประมาณที่เบิกจ่าย ÷ งบประมาณที่ได้รับจัดสรร) × ๑๐๐",
	),
	(
		"ร้อยละความสำเร็จของการดำเนินงานตามแผนปฏิบัติราชการประจำปี",
		0,
		"ร้อยละ",
		"Higher is better",
		(80, 85, 90, 95, 100),
		"(จำนวนโครงการที่ดำเนินการแล้วเสร็จ ÷ จำนวนโครงการทั้งหมด) × ๑๐๐",
	),
	(
		"ระดับความพึงพอใจของผู้รับบริการ",
		1,
		"คะแนน (เต็ม ๕)",
		"Higher is better",
		(3.5, 3.75, 4, 4.25, 4.5),
		"ค่าเฉลี่ยคะแนนความพึงพอใจจากแบบสำรวจ",
	),
	(
		"ระยะเวลาเฉลี่ยในการให้บริการ",
		1,
		"วันทำการ",
		"Lower is better",
		(10, 9, 8, 7, 6),
		"ผลรวมระยะเวลาให้บริการ ÷ จำนวนเรื่องที่ให้บริการ",
	),
	(
		"ร้อยละของบุคลากรที่ได้รับการพัฒนาตามแผนพัฒนาบุคลากร",
		3,
		"ร้อยละ",
		"Higher is better",
		(70, 75, 80, 85, 90),
		"(จำนวนบุคลากรที่ได้รับการพัฒนา ÷ จำนวนบุคลากรทั้งหมด) × ๑๐๐",
	),
	(
		"ร้อยละของการลดใช้พลังงานไฟฟ้า",
		2,
		"ร้อยละ",
		"Higher is better",
		(2, 4, 6, 8, 10),
		"((ปริมาณการใช้ไฟฟ้าปีฐาน − ปีปัจจุบัน) ÷ ปีฐาน) × ๑๐๐",
	),
	(
		"ร้อยละของเรื่องร้องเรียนที่ได้รับการแก้ไขแล้วเสร็จ",
		1,
		"ร้อยละ",
		"Higher is better",
		(80, 85, 90, 95, 100),
		"(จำนวนเรื่องที่แก้ไขแล้วเสร็จ ÷ จำนวนเรื่องร้องเรียนทั้งหมด) × ๑๐๐",
	),
	(
		"ระดับความสำเร็จของการพัฒนาระบบสารสนเทศเพื่อการบริหาร",
		3,
		"ระดับ",
		"Higher is better",
		(1, 2, 3, 4, 5),
		"ระดับขั้นความสำเร็จตามเกณฑ์ ๕ ระดับ",
	),
	(
		"ร้อยละของข้อมูลที่เปิดเผยต่อสาธารณะตามมาตรฐาน",
		0,
		"ร้อยละ",
		"Higher is better",
		(60, 70, 80, 90, 100),
		"(ชุดข้อมูลที่เปิดเผย ÷ ชุดข้อมูลทั้งหมด) × ๑๐๐",
	),
	(
		"จำนวนวันเฉลี่ยในการจัดซื้อจัดจ้าง",
		2,
		"วัน",
		"Lower is better",
		(45, 40, 35, 30, 25),
		"ผลรวมจำนวนวันของการจัดซื้อจัดจ้าง ÷ จำนวนโครงการ",
	),
)
PEOPLE = {
	"coordinator": ("สมศรี ใจดี", process.COORDINATOR),
	"executive": ("ประยุทธ มั่นคง", process.EXECUTIVE),
	"committee": ("วิภาวดี ตรวจตรา", process.COMMITTEE),
	"owner": ("ธนากร กำกับดี", process.INDICATOR_OWNER),
	"collector": ("มาลี เก็บข้อมูล", process.DATA_COLLECTOR),
}


# --- builders (also used by the tests)


def make_outgoing_email_account() -> None:
	"""A local outgoing account so that digests and notifications queue on a demo site."""
	if frappe.db.exists("Email Account", {"default_outgoing": 1}):
		return
	account = frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": "KPI Demo Outbox",
			"email_id": f"kpi@{EMAIL_DOMAIN}",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"smtp_port": 25,
			"no_smtp_authentication": 1,
		}
	)
	account.flags.ignore_validate = True
	account.insert(ignore_permissions=True)


def demo_allowed() -> bool:
	return bool(frappe.conf.get(ALLOW_KEY) or frappe.flags.in_test)


def check_demo_allowed() -> None:
	if not demo_allowed():
		frappe.throw(
			_(
				"This site does not allow demo data. To allow it on a test or training site, run: bench --site {0} set-config {1} 1"
			).format(frappe.local.site, ALLOW_KEY),
			frappe.PermissionError,
			title=_("Demo data not allowed"),
		)


def prepare_site() -> None:
	"""Thai regional settings, the setup wizard marked done so that demo users reach the desk, and the
	Administrator landing on the KPI workspace; what was there before is kept for ``remove``."""
	values = {"time_zone": "Asia/Bangkok", "date_format": "dd-mm-yyyy", "country": "Thailand"}
	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		values["setup_complete"] = 1
	if not frappe.db.get_default(SAVED_SETTINGS):
		before = {key: frappe.db.get_single_value("System Settings", key) for key in values}
		before["home_page"] = frappe.db.get_default("desktop:home_page")
		before["admin_workspace"] = frappe.db.get_value("User", "Administrator", "default_workspace")
		frappe.db.set_default(SAVED_SETTINGS, frappe.as_json(before))
	set_system_settings(values)
	if frappe.db.get_default("desktop:home_page") == "setup-wizard":
		frappe.db.set_default("desktop:home_page", "workspace")
	if not frappe.db.get_value("User", "Administrator", "default_workspace"):
		frappe.db.set_value("User", "Administrator", "default_workspace", WORKSPACE)  # lands there too
	frappe.clear_cache()


def set_system_settings(values: dict) -> None:
	"""System Settings, and the defaults the desk reads them from (``frappe.boot.sysdefaults``: the date
	format users see and type), as saving the form would set them."""
	frappe.db.set_single_value("System Settings", values)
	for key, value in values.items():
		frappe.db.set_default(key, value)


def restore_site() -> None:
	"""Put back the system settings ``prepare_site`` changed."""
	saved = frappe.parse_json(frappe.db.get_default(SAVED_SETTINGS) or "{}")
	if not saved:
		return
	home_page = saved.pop("home_page", None)
	admin_workspace = saved.pop("admin_workspace", None)
	if frappe.db.get_value("User", "Administrator", "default_workspace") == WORKSPACE:
		frappe.db.set_value("User", "Administrator", "default_workspace", admin_workspace)
	set_system_settings(saved)
	frappe.db.set_default("desktop:home_page", home_page)
	frappe.db.set_default(SAVED_SETTINGS, None)
	frappe.clear_cache()


# --- the demo department


def require_role(*roles: str) -> None:
	"""Like ``frappe.only_for``, which lets everyone through while tests run."""
	if frappe.session.user != "Administrator" and not set(roles) & set(frappe.get_roles()):
		raise frappe.PermissionError(_("Only {0} may do this.").format(", ".join(_(r) for r in roles)))


def install() -> None:
	"""Create the demo department, framework, indicators, agreements at several steps and assessments."""
	require_role("System Manager", process.COORDINATOR)
	check_demo_allowed()
	prepare_site()
	frappe.local.lang = "th"  # titles the app composes come out in Thai
	users = {key: make_user(f"{key}@{EMAIL_DOMAIN}", name, [role]) for key, (name, role) in PEOPLE.items()}
	root = make_unit(DEPARTMENT, None, "Department", is_group=1)
	leaves = []
	for index, (bureau, groups) in enumerate(TREE.items(), start=1):
		head = make_user(f"head{index}@{EMAIL_DOMAIN}", f"หัวหน้า หน่วยงานที่{index}", [process.UNIT_HEAD])
		make_unit(bureau, root, unit_type(bureau), is_group=int(bool(groups)), head=head)
		bind_user_to_unit(head, bureau)
		for group in groups:
			make_unit(group, bureau, unit_type(group), head=head)
			leaves.append(group)
		if not groups:
			leaves.append(bureau)
	fiscal_year = thai.fiscal_year_of(frappe.utils.getdate())
	framework = make_framework(root, fiscal_year, **SIGNING)
	for index, unit in enumerate(leaves):
		if frappe.db.exists("KPI Agreement", {"unit": unit, "framework": framework}):
			continue
		chosen, agreement = unit_agreement(framework, fiscal_year, unit, index, users)
		if index == 0:
			set_round_targets(agreement)
		target = process.STEPS[min(index, 6)].state
		if index >= 5:
			advance(agreement, process.BOOKLET_COMPILED)
			for months in ("6", "9"):
				make_assessment(agreement, months, sample_results(chosen, index))
		advance(agreement, target)
		if index in (1, 2):  # two units are late, as in real life
			now = frappe.utils.now_datetime()
			entered, due = frappe.utils.add_days(now, -21), frappe.utils.add_days(now, -7 * index)
			frappe.db.set_value("KPI Agreement", agreement, {"step_entered_on": entered, "step_due_on": due})
	finish_previous_year(root, fiscal_year - 1, leaves[:3], users)
	make_outgoing_email_account()
	frappe.db.set_default(DEMO_FLAG, framework)
	frappe.db.commit()
	print(
		f"Demo department ready: framework {framework}; sign in as coordinator@{EMAIL_DOMAIN} with the "
		f"password in the site config ({PASSWORD_KEY})"
	)


def unit_agreement(framework: str, fiscal_year: int, unit: str, index: int, users: dict) -> tuple:
	"""Four indicators of the unit under the framework, and its agreement on them."""
	dimensions = [name for name, _weight in DIMENSIONS]
	chosen = []  # one indicator of each dimension, weighing what the framework gives the dimension
	for dim in range(len(DIMENSIONS)):
		of_dimension = [indicator for indicator in INDICATORS if indicator[1] == dim]
		chosen.append(of_dimension[index % len(of_dimension)])
	names = [
		make_indicator(
			framework,
			f"{index + 1}.{k}",
			name,
			dimensions[dim],
			thresholds,
			unit=unit,
			unit_of_measure=measure,
			direction=direction,
			formula=formula,
			indicator_owner=users["owner"],
			data_collector=users["collector"],
			baselines=[{"fiscal_year": fiscal_year - 3 + y, "result": thresholds[1 + y]} for y in range(3)],
		)
		for k, (name, dim, measure, direction, thresholds, formula) in enumerate(chosen, start=1)
	]
	return chosen, make_agreement(unit, framework, list(zip(names, (weight for _name, weight in DIMENSIONS))))


def sample_results(chosen: list, index: int) -> list:
	"""A result for each chosen indicator: one of its own thresholds, varied by unit."""
	return [thresholds[(index + i) % 5] for i, (*_rest, thresholds, _formula) in enumerate(chosen)]


def set_round_targets(agreement: str) -> None:
	"""Budget disbursement with its own target in each round, and the last indicator assessed yearly only."""
	doc = frappe.get_doc("KPI Agreement", agreement)
	budget = next(line for line in doc.lines if line.indicator_name == INDICATORS[0][0])
	last = next(line for line in reversed(doc.lines) if line is not budget)
	last.in_round_6 = last.in_round_9 = 0
	for months, targets in (("6", (46, 48, 50, 52, 54)), ("9", (73, 75, 77, 79, 81))):
		doc.append(
			"round_targets",
			{
				"indicator": budget.indicator,
				"round_months": months,
				**{f"level_{k}": t for k, t in enumerate(targets, 1)},
			},
		)
	doc.save()


def finish_previous_year(root: str, fiscal_year: int, units: list[str], users: dict) -> None:
	"""Last year's cycle at its end: one unit presented to the Director-General, one with its scores
	summarized, one assessed (the states a current year has not reached yet)."""
	framework = make_framework(root, fiscal_year, **SIGNING)
	if frappe.db.exists("KPI Agreement", {"framework": framework}):
		return
	agreements = []
	for index, unit in enumerate(units):
		chosen, agreement = unit_agreement(framework, fiscal_year, unit, index, users)
		advance(agreement, process.BOOKLET_COMPILED)
		make_assessment(agreement, "9", sample_results(chosen, index))
		agreements.append(agreement)
	advance(agreements[0], process.ASSESSED)
	scorecard = frappe.get_doc({"doctype": "KPI Scorecard", "framework": framework, "round_months": "9"})
	scorecard.insert()
	scorecard.build()
	scorecard.flags.ignore_agreement_moves = True  # the demo moves each agreement itself, below
	scorecard.submit()
	advance(agreements[0], process.SCORES_SUMMARIZED)
	scorecard.reload()
	scorecard.flags.ignore_agreement_moves = True
	scorecard.mark_presented()
	advance(agreements[0], process.PRESENTED)
	advance(agreements[1], process.SCORES_SUMMARIZED)
	advance(agreements[2], process.ASSESSED)


@frappe.whitelist()
def install_from_settings() -> None:
	"""The KPI Settings button: build the demo department in the background."""
	require_role("System Manager")
	check_demo_allowed()
	frappe.enqueue("kpi_agreement.demo.install", queue="long", timeout=1800, enqueue_after_commit=True)
	frappe.msgprint(
		_("The demo department is being created in the background; it takes about a minute."), alert=True
	)


def remove() -> None:
	"""Delete what the demo created: its frameworks (this year's and last year's) with everything under them,
	its units, users and outbox."""
	require_role("System Manager", process.COORDINATOR)
	frameworks = set(frappe.get_all("KPI Framework", filters={"department": DEPARTMENT}, pluck="name"))
	frameworks.add(frappe.db.get_default(DEMO_FLAG))
	for framework in filter(None, frameworks):
		if not frappe.db.exists("KPI Framework", framework):
			continue
		for doctype in (
			"KPI Result Entry",
			"KPI Scorecard",
			"KPI Assessment",
			"KPI Agreement",
			"KPI Indicator",
		):
			for name in frappe.get_all(doctype, filters={"framework": framework}, pluck="name"):
				doc = frappe.get_doc(doctype, name)
				if doc.docstatus == 1:
					doc.cancel()
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.delete_doc("KPI Framework", framework, force=True, ignore_permissions=True)
	if frappe.db.exists("KPI Unit", DEPARTMENT):
		lft, rgt = frappe.db.get_value("KPI Unit", DEPARTMENT, ["lft", "rgt"])
		units = frappe.get_all(
			"KPI Unit", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name", order_by="lft desc"
		)
		for name in units:  # children before their parents
			frappe.delete_doc("KPI Unit", name, force=True, ignore_permissions=True)
	for email in frappe.get_all("User", filters={"name": ("like", f"%@{EMAIL_DOMAIN}")}, pluck="name"):
		frappe.delete_doc("User", email, force=True, ignore_permissions=True)
	if frappe.db.exists("Email Account", "KPI Demo Outbox"):
		frappe.delete_doc("Email Account", "KPI Demo Outbox", force=True, ignore_permissions=True)
	frappe.db.set_default(DEMO_FLAG, None)
	restore_site()
	frappe.db.commit()
