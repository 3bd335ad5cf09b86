"""KPI Agreement: targets, weights, indicator lines, one agreement per unit and framework, unit isolation,
and the nine-step workflow driven by each role with every guard; what was signed kept as signed; a cancel
moving the state out of the process."""

from __future__ import annotations

from decimal import Decimal as D

import frappe
from frappe.model.workflow import apply_workflow

from kpi_agreement.demo.builders import advance, make_agreement, make_assessment
from kpi_agreement.frappe_free import process
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.agreement_workflow import WORKFLOW, install_workflow
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet import PAGED_FORMATS, render_html
from kpi_agreement.kpi_agreement.report.kpi_process_tracker.kpi_process_tracker import execute
from kpi_agreement.tests.department_case import DepartmentTestCase
from kpi_agreement.tests.utils import (
	BUDGET,
	KPITestCase,
	agreement_for,
	bind_head,
	build_department,
	user,
)


class TestKPIAgreement(DepartmentTestCase):
	PREFIX = "FAG"

	def test_agreement_takes_targets_from_indicator(self):
		agreement = frappe.get_doc("KPI Agreement", self.agreements[self.units[0]])
		first = agreement.lines[0]
		self.assertEqual([first.get(f"level_{k}") for k in range(1, 6)], list(BUDGET))
		self.assertEqual(agreement.total_weight, 100)
		self.assertEqual(agreement.unit_head_user, user("head"))

	def test_agreement_weights_must_total_100(self):
		unit = self.units[3]
		doc = frappe.get_doc("KPI Agreement", self.agreements[unit])
		doc.lines[0].weight = 50
		self.assertRefused(doc.save, "total 90")
		doc.reload()
		doc.lines[0].weight = 0
		self.assertRefused(doc.save, "more than 0")
		doc.reload()
		doc.lines[0].weight = 160
		self.assertRefused(doc.save, "at most 100")

	def test_lines_of_a_dimension_weigh_what_the_framework_gives_it(self):
		doc = frappe.get_doc("KPI Agreement", self.agreements[self.units[3]])  # D1 60, D2 40
		doc.lines[0].weight, doc.lines[1].weight = 70, 30
		with self.assertRaises(frappe.ValidationError) as caught:
			doc.save()
		for fragment in ("D1", "70", "60", "over by", "10"):
			self.assertIn(fragment, str(caught.exception))
		doc.reload()
		doc.lines[0].weight, doc.lines[1].weight = 59.75, 40.25
		with self.assertRaises(frappe.ValidationError) as caught:
			doc.save()
		self.assertIn("short by", str(caught.exception))
		self.assertIn("0.25", str(caught.exception))

	def test_indicator_used_twice_refused(self):
		unit = self.units[3]
		first, _second = self.dept.indicators[unit]
		doc = frappe.get_doc("KPI Agreement", self.agreements[unit])
		doc.append("lines", {"indicator": first, "weight": 10})
		self.assertRefused(doc.save, "already in this agreement")

	def test_second_agreement_for_unit_refused(self):
		unit = self.units[0]
		self.assertRefused(
			lambda: make_agreement(unit, self.dept.framework, [(self.dept.indicators[unit][0], 100)]),
			"already has agreement",
		)

	def test_unit_user_sees_only_their_unit(self):
		a, b = self.units[0], self.units[1]
		bind_head(a)
		try:
			frappe.set_user(user("head"))
			visible = frappe.get_list(
				"KPI Agreement", filters={"framework": self.dept.framework}, pluck="unit"
			)
			self.assertEqual(visible, [a])
			self.assertTrue(frappe.has_permission("KPI Agreement", "read", self.agreements[a]))
			self.assertFalse(frappe.has_permission("KPI Agreement", "read", self.agreements[b]))
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("KPI Agreement", self.agreements[b]).check_permission("read")
		finally:
			frappe.set_user("Administrator")
			frappe.db.delete("User Permission", {"user": user("head")})


class TestWorkflow(KPITestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department("WF", units="AB")

	def tearDown(self):
		frappe.set_user("Administrator")

	def act(self, name: str, action: str, as_user: str):
		frappe.set_user(user(as_user))
		try:
			return apply_workflow(frappe.get_doc("KPI Agreement", name), action)
		finally:
			frappe.set_user("Administrator")

	def refused(self, name: str, action: str, as_user: str, fragment: str | None = None):
		with self.assertRaises((frappe.ValidationError, frappe.PermissionError)) as caught:
			self.act(name, action, as_user)
		if fragment:
			self.assertIn(fragment, f"{type(caught.exception).__name__}: {caught.exception}")

	def state(self, name: str) -> str:
		return frappe.db.get_value("KPI Agreement", name, "workflow_state")

	def set_field(self, name: str, as_user: str, **values):
		frappe.set_user(user(as_user))
		try:
			doc = frappe.get_doc("KPI Agreement", name)
			doc.update(values)
			doc.save()
		finally:
			frappe.set_user("Administrator")

	def test_full_flow_with_guards_and_roles(self):
		unit = self.dept.units[0]
		name = agreement_for(self.dept, unit)
		self.assertEqual(self.state(name), "Framework Review")

		self.refused(name, "Start Indicator Drafting", "owner")
		self.refused(name, "Start Indicator Drafting", "head")
		self.act(name, "Start Indicator Drafting", "coordinator")
		self.assertEqual(self.state(name), "Indicator Drafting")

		# leaving drafting needs complete detail sheets
		first = self.dept.indicators[unit][0]
		frappe.db.set_value("KPI Indicator", first, "data_collector", None)
		self.refused(name, "Send for Negotiation", "owner", "incomplete")
		frappe.db.set_value("KPI Indicator", first, "data_collector", user("collector"))
		self.refused(name, "Send for Negotiation", "executive")
		self.act(name, "Send for Negotiation", "owner")

		# return for revision needs a reason, and works twice
		for round_trip in range(2):
			self.refused(name, "Return for Revision", "executive", "Reason for Revision")
			self.set_field(name, "executive", revision_reason=f"Tighten targets #{round_trip}")
			self.refused(name, "Return for Revision", "owner")
			self.act(name, "Return for Revision", "executive")
			self.assertEqual(self.state(name), "Indicator Drafting")
			self.act(name, "Send for Negotiation", "coordinator")
		doc = frappe.get_doc("KPI Agreement", name)
		reasons = [row.reason for row in doc.step_history if row.reason]
		self.assertEqual(reasons, ["Tighten targets #0", "Tighten targets #1"])
		self.assertFalse(doc.revision_reason)
		comments = frappe.get_all(
			"Comment", filters={"reference_name": name, "comment_type": "Comment"}, pluck="content"
		)
		self.assertTrue(any("Tighten targets #1" in c for c in comments))

		self.refused(name, "Approve", "owner")
		self.refused(name, "Approve", "coordinator")
		self.act(name, "Approve", "executive")

		# signing needs both signatories, then submits
		head_name = frappe.db.get_value("KPI Agreement", name, "unit_head_name")
		frappe.db.set_value("KPI Agreement", name, "unit_head_name", None)
		self.refused(name, "Sign", "coordinator", "Unit Head")
		frappe.db.set_value("KPI Agreement", name, "unit_head_name", head_name)
		self.refused(name, "Sign", "owner")
		self.act(name, "Sign", "coordinator")
		doc = frappe.get_doc("KPI Agreement", name)
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Signed", 1))
		self.assertTrue(doc.executive_signed_on and doc.unit_head_signed_on)

		# the booklet must exist before Booklet Compiled
		self.refused(name, "Compile Booklet", "coordinator", "booklet")
		frappe.get_doc("KPI Agreement", name).generate_booklet()
		self.refused(name, "Compile Booklet", "committee")
		self.act(name, "Compile Booklet", "coordinator")

		# assessed needs the submitted 9-month assessment
		self.refused(name, "Record Assessment", "committee", "9-month")
		make_assessment(name, "9", ["95", "7"])
		self.refused(name, "Record Assessment", "executive")
		self.act(name, "Record Assessment", "committee")

		# scores summarized and presented follow the scorecard
		self.refused(name, "Summarize Scores", "coordinator", "Scorecard")
		scorecard = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": self.dept.framework, "round_months": "9"}
		).insert()
		scorecard.build()
		scorecard.submit()  # publishing moves every assessed agreement of the framework
		self.assertEqual(self.state(name), "Scores Summarized")
		self.refused(name, "Present to Director-General", "coordinator", "presented")
		scorecard.reload()
		scorecard.mark_presented()
		self.assertEqual(self.state(name), "Presented")

		doc = frappe.get_doc("KPI Agreement", name)
		self.assertEqual([row.state for row in doc.step_history][-1], "Presented")
		self.assertEqual(len({row.state for row in doc.step_history}), 9)
		self.assertTrue(all(row.left_on for row in doc.step_history[:-1]))
		self.assertEqual(doc.docstatus, 1)

	def test_workflow_state_cannot_be_set_directly(self):
		name = agreement_for(self.dept, self.dept.units[1])
		frappe.set_user(user("coordinator"))
		doc = frappe.get_doc("KPI Agreement", name)
		doc.workflow_state = "Ready for Signing"
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		frappe.set_user("Administrator")
		doc = frappe.get_doc("KPI Agreement", name)
		doc.workflow_state = "Indicator Drafting"
		doc.save()
		doc.workflow_state = "Negotiation"
		frappe.db.set_value("KPI Indicator", self.dept.indicators[self.dept.units[1]][1], "definition", "")
		with self.assertRaises(frappe.ValidationError):
			doc.save()  # the guard holds even for a direct save
		frappe.db.set_value("KPI Indicator", self.dept.indicators[self.dept.units[1]][1], "definition", "x")
		frappe.get_doc("KPI Agreement", name).delete()

	def test_step_entry_records_due_date(self):
		name = agreement_for(self.dept, self.dept.units[1])
		doc = frappe.get_doc("KPI Agreement", name)
		self.assertEqual(doc.responsible_role, process.COORDINATOR)
		# step 1 is the department's: timed and done on the framework, never late on an agreement
		framework = frappe.get_doc("KPI Framework", self.dept.framework)
		first = doc.step_history[0]
		self.assertIsNone(doc.step_due_on)
		self.assertEqual(
			(first.entered_on, first.due_on, first.left_on),
			(framework.creation, framework.review_due_on, framework.reviewed_on),
		)
		self.act(name, "Start Indicator Drafting", "coordinator")
		doc.reload()
		self.assertEqual(doc.responsible_role, process.INDICATOR_OWNER)
		self.assertGreaterEqual((doc.step_due_on - doc.step_entered_on).days, 13)
		self.assertEqual(doc.step_due_on.weekday() < 5, True)

		# the tracker shows it, overdue once the due time has passed
		frappe.db.set_value("KPI Agreement", name, "step_due_on", "2020-01-01 00:00:00")
		_columns, rows, _m, chart, _summary = execute({"framework": self.dept.framework, "overdue_only": 1})
		row = next(r for r in rows if r.agreement == name)
		self.assertEqual(
			(row.unit, row.step_no, row.responsible_role), (self.dept.units[1], 2, process.INDICATOR_OWNER)
		)
		self.assertGreater(row.days_overdue, 1000)
		self.assertEqual(len(chart["data"]["labels"]), 9)
		_columns, rows, *_ = execute({"framework": self.dept.framework, "workflow_state": "Presented"})
		self.assertNotIn(name, [r.agreement for r in rows])
		frappe.get_doc("KPI Agreement", name).delete()

	def test_admin_workflow_edits_survive_migrate(self):
		workflow = frappe.get_doc("Workflow", WORKFLOW)
		workflow.append(
			"transitions",
			{
				"state": "Negotiation",
				"action": "Approve",
				"next_state": "Ready for Signing",
				"allowed": process.COORDINATOR,
			},
		)
		workflow.save()
		install_workflow()  # what after_migrate runs
		workflow.reload()
		self.assertEqual(
			len([t for t in workflow.transitions if t.state == "Negotiation" and t.action == "Approve"]), 2
		)
		workflow.transitions = [
			t for t in workflow.transitions if t.allowed != process.COORDINATOR or t.state != "Negotiation"
		]
		workflow.save()

	def test_department_wide_move_reports_failures(self):
		from kpi_agreement.kpi_agreement.doctype.kpi_agreement.agreement_workflow import move_agreements

		names = [agreement_for(self.dept, unit) for unit in self.dept.units[1:]]
		frappe.set_user(user("coordinator"))
		result = move_agreements(self.dept.framework, "Framework Review", "Start Indicator Drafting")
		frappe.set_user("Administrator")
		self.assertEqual(set(result["done"]) & set(names), set(names))
		self.assertEqual(self.state(names[0]), "Indicator Drafting")
		for name in names:
			frappe.get_doc("KPI Agreement", name).delete()


class TestBulkActionFromList(KPITestCase):
	"""Frappe's bulk workflow action (list view → Actions) on agreements, guards included.

	That action commits after each document, so this class uses a department of its own."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department(f"BLK{frappe.generate_hash(length=5)}", units="AB")
		cls.names = [agreement_for(cls.dept, unit) for unit in cls.dept.units]
		frappe.db.commit()

	def test_bulk_action_applies_each_guard(self):
		from frappe.model.workflow import _bulk_workflow_action

		frappe.set_user(user("coordinator"))
		try:
			_bulk_workflow_action(self.names, "KPI Agreement", "Start Indicator Drafting")
			frappe.set_user("Administrator")
			frappe.db.set_value(
				"KPI Indicator", self.dept.indicators[self.dept.units[1]][0], "definition", ""
			)
			frappe.db.commit()
			frappe.set_user(user("coordinator"))
			_bulk_workflow_action(self.names, "KPI Agreement", "Send for Negotiation")
		finally:
			frappe.set_user("Administrator")
		states = [frappe.db.get_value("KPI Agreement", name, "workflow_state") for name in self.names]
		self.assertEqual(states, ["Negotiation", "Indicator Drafting"])


class TestSignedRecord(KPITestCase):
	"""An agreement keeps what was signed when an indicator or the framework changes later."""

	def test_a_later_edit_does_not_reach_the_signed_agreement(self):
		frappe.set_user("Administrator")
		dept = build_department("SRC", units="A")
		unit = dept.units[0]
		name = agreement_for(dept, unit)
		advance(name, process.SIGNED)
		signed = frappe.get_doc("KPI Agreement", name)
		self.assertTrue(signed.signed_rules and signed.signed_sheets)
		before = render_html(signed, PAGED_FORMATS["KPI Agreement Booklet"])
		indicator = frappe.get_doc("KPI Indicator", dept.indicators[unit][0])
		original = indicator.definition
		indicator.definition = "Rewritten after signing"
		indicator.levels[0].threshold = 1
		indicator.save()
		framework = frappe.get_doc("KPI Framework", dept.framework)
		framework.below_level_one_rule = "Score 1"
		framework.save()
		after = render_html(frappe.get_doc("KPI Agreement", name), PAGED_FORMATS["KPI Agreement Booklet"])
		self.assertIn(original, after)
		self.assertNotIn("Rewritten after signing", after)
		self.assertEqual(before, after)
		# below level 1 scores 0 as signed, although the framework now says 1
		assessment = frappe.get_doc("KPI Assessment", make_assessment(name, "9", ["50", "8"], submit=False))
		self.assertEqual(D(str(assessment.lines[0].score)), D(0))


class TestWorkflowStateFollowsDocstatus(KPITestCase):
	def test_cancel_moves_the_state_out_of_the_process(self):
		frappe.set_user("Administrator")
		dept = build_department("CNL", units="A")
		name = agreement_for(dept, dept.units[0])
		advance(name, "Signed")
		doc = frappe.get_doc("KPI Agreement", name)
		doc.cancel()
		doc.reload()
		self.assertEqual((doc.docstatus, doc.workflow_state), (2, process.CANCELLED))
		self.assertEqual(doc.step_history[-1].state, process.CANCELLED)
		self.assertFalse(process.next_states(process.CANCELLED))
