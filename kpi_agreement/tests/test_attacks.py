"""Attacks over HTTP by people who know Frappe's REST API, against the served test site.

Each test is one attack (and its variants on the other paths Frappe offers); it fails if the attack works.
Unit A's staff are a Data Collector, an Indicator Owner and a Unit Head bound to unit A by User
Permissions; the committee member and the executive are bound to no unit; the plain user has desk access
and no KPI role."""

from __future__ import annotations

import frappe

from kpi_agreement.demo.builders import advance, bind_user_to_unit, make_assessment, make_user
from kpi_agreement.frappe_free import process
from kpi_agreement.tests.http_client import Client, ServedSiteCase, refused
from kpi_agreement.tests.utils import agreement_for, build_department

PARENT_ARGUMENT = {"frappe.client.get_list": "parent", "frappe.desk.reportview.get_list": "parent_doctype"}
HOSTILE_JSON = '["<img src=x onerror=alert(1)>"]'


class TestAttacksOverHTTP(ServedSiteCase):
	@classmethod
	def build(cls):
		tag = frappe.generate_hash(length=5)
		cls.dept = build_department(f"ATK{tag}", units="ABCD")
		cls.a, cls.b, cls.c, cls.d = cls.dept.units
		for unit, indicators in cls.dept.indicators.items():
			for indicator in indicators:
				frappe.db.set_value("KPI Indicator", indicator, "unit", unit)
		cls.agreements = {unit: agreement_for(cls.dept, unit) for unit in cls.dept.units}
		for unit in (cls.a, cls.b):
			advance(cls.agreements[unit], "Signed")
		advance(cls.agreements[cls.c], "Ready for Signing")
		advance(cls.agreements[cls.d], "Indicator Drafting")
		cls.drafts = {
			unit: make_assessment(cls.agreements[unit], "9", ["94", "8"], submit=False)
			for unit in (cls.a, cls.b)
		}
		cls.evidence = cls.attach_evidence(cls.drafts[cls.b])
		cls.appeals = {
			cls.a: cls.certification_records(cls.drafts[cls.a], cls.attach_evidence(cls.drafts[cls.a])),
			cls.b: cls.certification_records(cls.drafts[cls.b], cls.evidence),
		}
		role_users = {
			"collector": [process.DATA_COLLECTOR],
			"owner": [process.INDICATOR_OWNER],
			"head": [process.UNIT_HEAD],
			"committee": [process.COMMITTEE],
			"executive": [process.EXECUTIVE],
			"plain": ["Desk User"],
		}
		cls.users = {
			key: make_user(f"atk-{key}-{tag}@test.kpi.example", f"Attack {key}", roles, "en")
			for key, roles in role_users.items()
		}
		for key in ("collector", "owner", "head"):
			bind_user_to_unit(cls.users[key], cls.a)
		bind_user_to_unit(cls.users["owner"], cls.c)  # the owner drafts for unit C too

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for name in getattr(cls, "appeals", {}).values():  # filed appeals would reach other tests' digests
			frappe.delete_doc("KPI Appeal", name, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	@classmethod
	def attach_evidence(cls, assessment: str) -> str:
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"evidence-{assessment}.txt",
				"attached_to_doctype": "KPI Assessment",
				"attached_to_name": assessment,
				"is_private": 1,
				"content": f"evidence of {assessment}".encode(),
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value(
			"KPI Assessment Line", {"parent": assessment, "idx": 1}, "evidence", file.file_url
		)
		return file.file_url

	@classmethod
	def certification_records(cls, assessment: str, evidence: str) -> str:
		"""An evidence row and a history event on the draft, and an appeal against it, as stored rows (how
		they came about is test_certification's subject): what another unit must not reach."""
		doc = frappe.get_doc("KPI Assessment", assessment)
		line = doc.lines[0]
		for table, row in (
			(
				"evidence_files",
				{"indicator": line.indicator, "file": evidence, "note": "the unit's note"},
			),
			("history", {"action": "Entered", "indicator": line.indicator, "user": "Administrator"}),
		):
			doc.append(table, row).db_insert()
		appeal = frappe.get_doc(
			{
				"doctype": "KPI Appeal",
				"assessment": assessment,
				"unit": doc.unit,
				"status": "Filed",
				"lines": [
					{"indicator": line.indicator, "requested_score": "4", "reason": "the unit's reason"}
				],
			}
		)
		appeal.flags.ignore_validate = True
		return appeal.insert(ignore_permissions=True).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def client(self, key: str) -> Client:
		return self.client_for(self.users[key])

	def stored(self, doctype: str, name: str) -> frappe.model.document.Document:
		frappe.db.rollback()  # see what the server committed
		return frappe.get_doc(doctype, name)

	# --- 1. another unit's draft assessment, read and overwritten

	def test_other_units_assessment_cannot_be_claimed_by_sending_own_unit(self):
		target = self.drafts[self.b]
		doc = frappe.get_doc("KPI Assessment", target).as_dict(convert_dates_to_str=True)
		doc.update(unit=self.a)
		doc["lines"][0]["self_result"] = "1"
		for key in ("collector", "head"):
			client = self.client(key)
			self.assertTrue(
				refused(client.put("KPI Assessment", target, {"unit": self.a, "lines": doc["lines"]}))
			)
			self.assertTrue(refused(client.call("frappe.client.save", doc=doc)))
			self.assertTrue(refused(client.get(f"/api/resource/KPI Assessment/{target}")))
		self.assertEqual(self.stored("KPI Assessment", target).lines[0].self_result, "94")

	def test_other_units_indicator_cannot_be_moved_into_own_unit(self):
		indicator = self.dept.indicators[self.b][0]
		response = self.client("owner").put("KPI Indicator", indicator, {"unit": self.a})
		self.assertTrue(refused(response), response.text[:300])
		self.assertEqual(self.stored("KPI Indicator", indicator).unit, self.b)

	def test_own_indicator_cannot_change_unit_or_framework(self):
		indicator = self.dept.indicators[self.a][0]
		for change in ({"unit": self.b}, {"framework": "KPI-FW-0000"}):
			self.assertTrue(refused(self.client("owner").put("KPI Indicator", indicator, change)))
		self.assertEqual(self.stored("KPI Indicator", indicator).unit, self.a)

	def test_new_assessment_for_another_units_agreement_is_refused(self):
		response = self.client("collector").post(
			"KPI Assessment", {"agreement": self.agreements[self.b], "round_months": "6", "unit": self.a}
		)
		self.assertTrue(refused(response), response.text[:300])

	# --- 2. every unit's child rows listed

	def test_child_rows_of_other_units_are_not_listed(self):
		parents = {
			"KPI Assessment Line": "KPI Assessment",
			"KPI Agreement Line": "KPI Agreement",
			"KPI Agreement Step": "KPI Agreement",
			"KPI Indicator Level": "KPI Indicator",
			"KPI Indicator Baseline": "KPI Indicator",
			"KPI Assessment Evidence": "KPI Assessment",
			"KPI Assessment Event": "KPI Assessment",
			"KPI Appeal Line": "KPI Appeal",
		}
		of_unit_b = {
			"KPI Agreement": self.agreements[self.b],
			"KPI Assessment": self.drafts[self.b],
			"KPI Indicator": self.dept.indicators[self.b][0],
			"KPI Appeal": self.appeals[self.b],
		}
		own = {self.a, ""}
		for key in ("collector", "head"):
			client = self.client(key)
			for child, parent in parents.items():
				for method in ("frappe.client.get_list", "frappe.desk.reportview.get_list"):
					rows = (
						client.call(
							method,
							doctype=child,
							**{PARENT_ARGUMENT[method]: parent},
							fields=["parent"],
							limit_page_length=0,
						)
						.json()
						.get("message")
						or []
					)
					units = {self.unit_of(parent, row["parent"]) for row in rows}
					self.assertLessEqual(units, own, f"{key} {method} {child}")
					if child != "KPI Indicator Baseline":  # the unit's own rows are there
						self.assertIn(self.a, units, f"{key} {method} {child}")
				value = client.call(
					"frappe.client.get_value",
					doctype=child,
					parent=parent,
					fieldname="parent",
					filters={"parent": of_unit_b[parent]},
				)
				self.assertFalse(
					(value.json().get("message") or {}) if value.ok else {}, f"{key} get_value {child}"
				)

	def test_rows_cannot_be_read_or_written_on_their_own(self):
		other = frappe.get_doc("KPI Assessment", self.drafts[self.b]).lines[0].name
		own = frappe.get_doc("KPI Assessment", self.drafts[self.a]).lines[0].name
		weight_row = frappe.get_doc("KPI Agreement", self.agreements[self.c]).lines[0].name
		collector, owner = self.client("collector"), self.client("owner")
		self.assertTrue(refused(collector.get(f"/api/resource/KPI Assessment Line/{other}")))
		self.assertTrue(
			refused(
				collector.call(
					"frappe.client.get", doctype="KPI Assessment Line", name=other, parent="KPI Assessment"
				)
			)
		)
		self.assertTrue(refused(collector.put("KPI Assessment Line", own, {"committee_score": "5"})))
		self.assertTrue(refused(collector.put("KPI Assessment Line", other, {"self_result": "1"})))
		self.assertTrue(refused(owner.put("KPI Agreement Line", weight_row, {"weight": 99})))
		self.assertTrue(refused(owner.delete("KPI Agreement Line", weight_row)))
		self.assertTrue(
			refused(
				owner.post(
					"KPI Agreement Step",
					{
						"parent": self.agreements[self.c],
						"parenttype": "KPI Agreement",
						"parentfield": "step_history",
						"state": "Presented",
					},
				)
			)
		)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("KPI Agreement Line", weight_row, "weight"), 60)
		self.assertIsNone(frappe.db.get_value("KPI Assessment Line", own, "committee_score"))
		self.assertEqual(frappe.db.get_value("KPI Assessment Line", other, "self_result"), "94")

	def unit_of(self, parent: str, name: str) -> str:
		return frappe.db.get_value(parent, name, "unit") or ""

	def test_other_units_documents_on_every_read_path(self):
		for key in ("collector", "head"):
			self.assert_unit_b_unreadable(self.client(key))

	def assert_unit_b_unreadable(self, client: Client) -> None:
		for doctype, name in (
			("KPI Agreement", self.agreements[self.b]),
			("KPI Assessment", self.drafts[self.b]),
			("KPI Indicator", self.dept.indicators[self.b][0]),
			("KPI Appeal", self.appeals[self.b]),
		):
			self.assertTrue(refused(client.get(f"/api/resource/{doctype}/{name}")), doctype)
			self.assertTrue(refused(client.call("frappe.client.get", doctype=doctype, name=name)), doctype)
			self.assertTrue(
				refused(client.get("/api/method/frappe.desk.form.load.getdoc", doctype=doctype, name=name))
			)
			value = client.call(
				"frappe.client.get_value", doctype=doctype, fieldname="name", filters={"name": name}
			)
			self.assertFalse(value.ok and value.json().get("message"), doctype)
			for ignore in (0, 1):
				found = (
					client.call(
						"frappe.desk.search.search_link",
						doctype=doctype,
						txt=name,
						page_length=50,
						ignore_user_permissions=ignore,
					)
					.json()
					.get("message")
					or []
				)
				self.assertNotIn(name, [row.get("value") for row in found], doctype)
			listed = (
				client.call(
					"frappe.desk.reportview.get", doctype=doctype, fields=["name"], filters={"name": name}
				)
				.json()
				.get("message")
				or {}
			)
			self.assertFalse(listed.get("values"), doctype)
			page = client.get("/printview", doctype=doctype, name=name)
			self.assertNotIn(self.b, page.text, doctype)
			count = client.call("frappe.client.get_count", doctype=doctype, filters={"name": name})
			self.assertFalse(count.ok and count.json().get("message"), doctype)

	def test_evidence_file_of_another_unit(self):
		self.assertTrue(refused(self.client("collector").get(self.evidence)))
		self.assertEqual(self.client("committee").get(self.evidence).status_code, 200)

	def test_run_doc_method_on_another_units_document(self):
		response = self.client("collector").call(
			"run_doc_method", dt="KPI Agreement", dn=self.agreements[self.b], method="generate_booklet"
		)
		self.assertTrue(refused(response))
		response = self.client("collector").call(
			"kpi_agreement.api.what_if.run", doctype="KPI Assessment", name=self.drafts[self.b]
		)
		self.assertTrue(refused(response))

	# --- appeals, evidence and history

	def test_another_units_appeal_cannot_be_filed_changed_or_decided(self):
		target = self.appeals[self.b]
		head = self.client("head")
		lines = frappe.get_doc("KPI Appeal", target).as_dict(convert_dates_to_str=True)["lines"]
		self.assertTrue(refused(head.put("KPI Appeal", target, {"unit": self.a, "decision_reason": "x"})))
		self.assertTrue(
			refused(head.put("KPI Appeal", target, {"lines": [{**lines[0], "requested_score": "5"}]}))
		)
		for method in ("file", "accept", "reject"):
			response = head.call("run_doc_method", dt="KPI Appeal", dn=target, method=method)
			self.assertTrue(refused(response), method)
		filed = head.post(
			"KPI Appeal",
			{
				"assessment": self.drafts[self.b],
				"lines": [{"indicator": lines[0]["indicator"], "reason": "x"}],
			},
		)
		self.assertTrue(refused(filed), filed.text[:300])
		self.assertEqual(frappe.db.count("KPI Appeal", {"assessment": self.drafts[self.b]}), 1)
		stored = self.stored("KPI Appeal", target)
		self.assertEqual(
			(stored.unit, stored.status, stored.lines[0].requested_score), (self.b, "Filed", "4")
		)

	def test_a_unit_cannot_decide_its_own_appeal(self):
		target = self.appeals[self.a]
		head = self.client("head")
		lines = frappe.get_doc("KPI Appeal", target).as_dict(convert_dates_to_str=True)["lines"]
		decided = {"status": "Accepted", "decision_reason": "by ourselves", "decided_by": self.users["head"]}
		response = head.put("KPI Appeal", target, {**decided, "lines": [{**lines[0], "decided_score": "5"}]})
		self.assertIn(response.status_code, (200, 403, 417), response.text[:300])
		for method in ("accept", "reject"):
			response = head.call("run_doc_method", dt="KPI Appeal", dn=target, method=method)
			self.assertTrue(refused(response), (method, response.status_code, response.text[:500]))
		stored = self.stored("KPI Appeal", target)
		self.assertEqual((stored.status, stored.decided_by, stored.decision_reason), ("Filed", None, None))
		self.assertIsNone(stored.lines[0].decided_score)

	def test_history_and_evidence_are_not_written_from_outside(self):
		target = self.drafts[self.a]
		before = frappe.get_doc("KPI Assessment", target)
		indicator = before.lines[0].indicator
		forged = before.as_dict(convert_dates_to_str=True)
		forged["history"] = [
			{"action": "Certified", "indicator": indicator, "user": self.users["owner"], "reason": "forged"}
		]
		for key in ("collector", "head"):
			client = self.client(key)
			response = client.call("frappe.client.save", doc=forged)
			self.assertIn(response.status_code, (200, 403, 417), response.text[:300])
			row = {"parent": target, "parenttype": "KPI Assessment", "parentfield": "history"}
			self.assertTrue(refused(client.post("KPI Assessment Event", {**row, "action": "Certified"})))
		other = frappe.get_doc("KPI Assessment", self.drafts[self.b])
		evidence = other.evidence_files[0].name
		collector = self.client("collector")
		self.assertTrue(refused(collector.put("KPI Assessment Evidence", evidence, {"file": "/files/x.txt"})))
		self.assertTrue(refused(collector.get(f"/api/resource/KPI Assessment Evidence/{evidence}")))
		self.assertTrue(refused(collector.get(f"/api/resource/KPI Assessment Event/{other.history[0].name}")))
		after = self.stored("KPI Assessment", target)
		self.assertEqual(
			[(e.name, e.action) for e in after.history], [(e.name, e.action) for e in before.history]
		)
		self.assertEqual(
			self.stored("KPI Assessment", self.drafts[self.b]).evidence_files[0].file, self.evidence
		)

	# --- 3. a unit scores itself

	def test_unit_cannot_write_the_committees_fields(self):
		target = self.drafts[self.a]
		lines = [
			{**line, "committee_score": "5", "committee_result": "100", "remarks": "self-awarded"}
			for line in frappe.get_doc("KPI Assessment", target).as_dict(convert_dates_to_str=True)["lines"]
		]
		for key in ("collector", "owner", "head"):
			response = self.client(key).put(
				"KPI Assessment", target, {"lines": lines, "committee_remarks": "approved by ourselves"}
			)
			self.assertIn(response.status_code, (200, 403, 417), response.text[:300])
		doc = self.stored("KPI Assessment", target)
		self.assertEqual(
			{(line.committee_score, line.committee_result, line.remarks) for line in doc.lines},
			{(None, None, None)},
		)
		self.assertFalse(doc.committee_remarks)
		self.assertNotEqual(str(doc.total_score), "5.0")

	def test_new_assessment_cannot_carry_committee_scores(self):
		agreement = self.agreements[self.a]
		lines = [
			{"indicator": line.indicator, "self_result": "94", "committee_score": "5"}
			for line in frappe.get_doc("KPI Agreement", agreement).lines
		]
		before = frappe.db.count("KPI Assessment", {"agreement": agreement})
		response = self.client("collector").post(
			"KPI Assessment", {"agreement": agreement, "round_months": "6", "lines": lines}
		)
		# refused: neither the committee's scores nor results of lines this user does not collect get in
		self.assertTrue(refused(response), response.text[:300])
		self.assertIn("only its data collector", response.text)
		self.assertEqual(frappe.db.count("KPI Assessment", {"agreement": agreement}), before)

	def test_committee_cannot_overwrite_the_units_results(self):
		target = self.drafts[self.a]
		lines = frappe.get_doc("KPI Assessment", target).as_dict(convert_dates_to_str=True)["lines"]
		line = lines[0]
		lines[0] = {**line, "self_result": "1", "committee_score": "4"}
		client = self.client("committee")
		self.assertTrue(refused(client.put("KPI Assessment", target, {"lines": lines})))  # not endorsed yet
		frappe.db.set_value("KPI Assessment", target, "endorsed_on", frappe.utils.now_datetime())
		frappe.db.commit()
		response = client.put("KPI Assessment", target, {"lines": lines})
		self.assertEqual(response.status_code, 200, response.text[:300])
		doc = self.stored("KPI Assessment", target)
		self.assertEqual((doc.lines[0].self_result, doc.lines[0].committee_score), ("94", "4.0000"))
		frappe.db.set_value("KPI Assessment Line", line["name"], "committee_score", None)
		frappe.db.set_value("KPI Assessment", target, "endorsed_on", None)
		frappe.db.commit()

	# --- 4. signed without the workflow

	def test_committee_cannot_sign_a_draft_directly(self):
		target = self.agreements[self.c]  # Ready for Signing: only Sign leads on, and not for the committee
		client = self.client("committee")
		doc = frappe.get_doc("KPI Agreement", target).as_dict(convert_dates_to_str=True)
		self.assertTrue(refused(client.call("frappe.client.submit", doc=doc)))
		self.assertTrue(refused(client.put("KPI Agreement", target, {"docstatus": 1})))
		self.assertTrue(refused(client.put("KPI Agreement", target, {"workflow_state": "Signed"})))
		stored = self.stored("KPI Agreement", target)
		self.assertEqual((stored.docstatus, stored.workflow_state), (0, "Ready for Signing"))

	def test_executive_cannot_skip_drafting_and_negotiation(self):
		target = self.agreements[self.d]  # Indicator Drafting
		client = self.client("executive")
		self.assertTrue(refused(client.put("KPI Agreement", target, {"docstatus": 1})))
		self.assertTrue(
			refused(client.put("KPI Agreement", target, {"docstatus": 1, "workflow_state": "Signed"}))
		)
		doc = frappe.get_doc("KPI Agreement", target).as_dict(convert_dates_to_str=True)
		self.assertTrue(refused(client.call("frappe.client.submit", doc=doc)))
		stored = self.stored("KPI Agreement", target)
		self.assertEqual((stored.docstatus, stored.workflow_state), (0, "Indicator Drafting"))

	def test_cancel_and_workflow_state_move_together(self):
		self.assertTrue(
			refused(
				self.client("executive").call(
					"frappe.client.cancel", doctype="KPI Agreement", name=self.agreements[self.b]
				)
			)
		)
		stored = self.stored("KPI Agreement", self.agreements[self.b])
		self.assertEqual((stored.docstatus, stored.workflow_state), (1, "Signed"))

	# --- process fields, per-state edit rights

	def test_process_fields_are_written_only_by_the_process(self):
		target = self.agreements[self.c]
		before = frappe.get_doc("KPI Agreement", target)
		forged = {
			"step_due_on": "2099-01-01 00:00:00",
			"step_entered_on": "2099-01-01 00:00:00",
			"responsible_role": "KPI Committee",
			"step_notify": "nobody@example.com",
			"step_history": [],
			"booklet": "/private/files/anything.pdf",
		}
		response = self.client("owner").put("KPI Agreement", target, forged)
		self.assertIn(response.status_code, (200, 403, 417), response.text[:300])
		after = self.stored("KPI Agreement", target)
		for field in ("step_due_on", "step_entered_on", "responsible_role", "step_notify", "booklet"):
			self.assertEqual(after.get(field), before.get(field), field)
		self.assertEqual([row.name for row in after.step_history], [row.name for row in before.step_history])

	def test_owner_cannot_change_weights_after_approval(self):
		target = self.agreements[self.c]  # Ready for Signing: the coordinator's to edit
		lines = [{"name": line.name, "weight": 50} for line in frappe.get_doc("KPI Agreement", target).lines]
		response = self.client("owner").put("KPI Agreement", target, {"lines": lines})
		self.assertTrue(refused(response), response.text[:300])
		self.assertEqual([line.weight for line in self.stored("KPI Agreement", target).lines], [60, 40])

	def test_owner_cannot_edit_another_units_draft(self):
		target = self.agreements[self.d]  # Indicator Drafting, the owners' state, but unit D is not theirs
		self.assertTrue(refused(self.client("owner").put("KPI Agreement", target, {"executive_name": "x"})))

	# --- counts, print view, markup, booklet

	def test_counts_follow_read_permission(self):
		plain = self.client("plain")
		for doctype in ("KPI Assessment", "KPI Agreement", "KPI Scorecard", "KPI Assessment Line"):
			response = plain.call(
				"frappe.client.get_count", doctype=doctype, filters={"total_score": [">", 3]}
			)
			self.assertTrue(refused(response), f"{doctype}: {response.text[:200]}")
			self.assertTrue(refused(plain.call("frappe.desk.reportview.get_count", doctype=doctype)))
		count = self.client("collector").call(
			"frappe.client.get_count", doctype="KPI Assessment", filters={"framework": self.dept.framework}
		)
		self.assertEqual(count.json()["message"], 1)
		grouped = (
			self.client("collector")
			.call(
				"frappe.desk.listview.get_group_by_count",
				doctype="KPI Agreement",
				current_filters=[],
				field="unit",
			)
			.json()
			.get("message")
			or []
		)
		self.assertLessEqual({row["name"] for row in grouped}, {self.a})

	def test_booklet_print_view_of_a_made_up_agreement(self):
		secret = "Definition only unit B may read"
		frappe.db.set_value("KPI Indicator", self.dept.indicators[self.b][0], "definition", secret)
		frappe.db.commit()
		made_up = {
			"doctype": "KPI Agreement",
			"name": "new-kpi-agreement-1",
			"__islocal": 1,
			"unit": self.a,
			"framework": self.dept.framework,
			"lines": [{"indicator": name, "weight": 50} for name in self.dept.indicators[self.b]],
		}
		response = self.client("collector").call(
			"frappe.www.printview.get_html_and_style", doc=made_up, print_format="KPI Agreement Booklet"
		)
		self.assertNotIn(secret, response.text)

	def test_json_shaped_markup_is_stored_as_text(self):
		indicator = self.dept.indicators[self.a][1]
		response = self.client("owner").put("KPI Indicator", indicator, {"definition": HOSTILE_JSON})
		self.assertEqual(response.status_code, 200, response.text[:300])
		stored = self.stored("KPI Indicator", indicator).definition
		self.assertNotIn("<img", stored)
		self.assertEqual(frappe.parse_json(stored), ["&lt;img src=x onerror=alert(1)&gt;"])

	def test_generate_booklet_only_when_compiling(self):
		for key in ("collector", "head", "owner"):
			response = self.client(key).call(
				"run_doc_method", dt="KPI Agreement", dn=self.agreements[self.a], method="generate_booklet"
			)
			self.assertTrue(refused(response), key)
		booklets = {"attached_to_name": self.agreements[self.a], "attached_to_field": "booklet"}
		self.assertEqual(frappe.db.count("File", booklets), 0)

	def test_guest_link_with_a_share_key_still_prints(self):
		key = frappe.get_doc("KPI Agreement", self.agreements[self.a]).get_document_share_key()
		frappe.db.commit()
		guest, url = self.client_for(None), "/api/method/frappe.utils.print_format.download_pdf"
		for print_format in ("KPI Agreement Signature Page", "KPI Agreement Booklet"):
			params = {"doctype": "KPI Agreement", "name": self.agreements[self.a], "format": print_format}
			response = guest.get(url, timeout=120, **params, key=key)
			self.assertEqual(response.status_code, 200, f"{print_format}: {response.text[:200]}")
			self.assertTrue(response.content.startswith(b"%PDF"), print_format)
			self.assertTrue(refused(guest.get(url, **params, key="wrong")))
			self.assertTrue(refused(guest.get(url, **params)))

	def test_demo_installer_is_not_reachable(self):
		for key in ("plain", "committee", "collector"):
			self.assertTrue(refused(self.client(key).call("kpi_agreement.demo.install_from_settings")))
			self.assertTrue(refused(self.client(key).call("kpi_agreement.demo.install")))
