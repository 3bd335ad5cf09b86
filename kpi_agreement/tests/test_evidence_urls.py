"""Evidence on the paths that hand out a file's bytes, over HTTP: the file URL itself, Frappe's
``download_file`` and its zip of files. Every kind of evidence (a line's own file, an Evidence Files row, an
appeal's attachment) opens to the unit's own collector, owner and head, the committee and the coordinator,
and to no executive, plain desk user, guest or other unit's staff."""

from __future__ import annotations

import io
import zipfile

import frappe

from kpi_agreement.demo.builders import advance, bind_user_to_unit, make_assessment, make_user
from kpi_agreement.frappe_free import process
from kpi_agreement.tests.http_client import Client, ServedSiteCase, refused
from kpi_agreement.tests.utils import agreement_for, build_department

ROLES = {
	"collector": [process.DATA_COLLECTOR],
	"owner": [process.INDICATOR_OWNER],
	"head": [process.UNIT_HEAD],
	"committee": [process.COMMITTEE],
	"coordinator": [process.COORDINATOR],
	"executive": [process.EXECUTIVE],
	"unit_executive": [process.EXECUTIVE],
	"plain": ["Desk User"],
	"other_collector": [process.DATA_COLLECTOR],
	"other_owner": [process.INDICATOR_OWNER],
	"other_head": [process.UNIT_HEAD],
}
OWN_UNIT = ("collector", "owner", "head", "unit_executive")
OTHER_UNIT = ("other_collector", "other_owner", "other_head")
READERS = ("collector", "owner", "head", "committee", "coordinator")


class TestEvidenceURLs(ServedSiteCase):
	@classmethod
	def build(cls):
		tag = frappe.generate_hash(length=5)
		cls.dept = build_department(f"EVU{tag}", units="AB")
		cls.a, cls.b = cls.dept.units
		agreement = agreement_for(cls.dept, cls.a)
		advance(agreement, process.SIGNED)
		cls.assessment = make_assessment(agreement, "9", ["94", "8"], submit=False)
		cls.users = {
			key: make_user(f"evu-{key}-{tag}@test.kpi.example", f"Evidence {key}", roles, "en")
			for key, roles in ROLES.items()
		}
		for key in OWN_UNIT:
			bind_user_to_unit(cls.users[key], cls.a)
		for key in OTHER_UNIT:
			bind_user_to_unit(cls.users[key], cls.b)
		doc = frappe.get_doc("KPI Assessment", cls.assessment)
		line = doc.lines[0]
		appeal = frappe.get_doc(
			{
				"doctype": "KPI Appeal",
				"assessment": cls.assessment,
				"unit": cls.a,
				"status": "Filed",
				"lines": [{"indicator": line.indicator, "requested_score": "4", "reason": "reason"}],
			}
		)
		appeal.flags.ignore_validate = True
		cls.appeal = appeal.insert(ignore_permissions=True).name
		cls.files = {
			"line evidence": cls.attach("KPI Assessment", cls.assessment, "line"),
			"evidence files row": cls.attach("KPI Assessment", cls.assessment, "row"),
			"appeal attachment": cls.attach("KPI Appeal", cls.appeal, "appeal"),
		}
		frappe.db.set_value("KPI Assessment Line", line.name, "evidence", cls.files["line evidence"].file_url)
		doc.append(
			"evidence_files", {"indicator": line.indicator, "file": cls.files["evidence files row"].file_url}
		).db_insert()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		if getattr(cls, "appeal", None):  # a filed appeal would reach other tests' digests
			frappe.delete_doc("KPI Appeal", cls.appeal, force=True, ignore_permissions=True)
			frappe.db.commit()
		super().tearDownClass()

	@classmethod
	def attach(cls, doctype: str, name: str, kind: str):
		return frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"evidence-{kind}-{name}.txt",
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"is_private": 1,
				"content": f"{kind} evidence of {name}".encode(),
			}
		).insert(ignore_permissions=True)

	def client(self, key: str) -> Client:
		return self.client_for(None if key == "guest" else self.users[key])

	def downloads(self, key: str, file) -> dict[str, bool]:
		"""Whether each path handed ``key`` the file's bytes."""
		client, content = self.client(key), f"evidence of {file.attached_to_name}".encode()
		url = client.get(file.file_url)
		method = client.get("/api/method/frappe.handler.download_file", file_url=file.file_url)
		zipped = client.call("frappe.core.api.file.zip_files", files=[file.name])
		in_zip = zipped.ok and zipped.content[:2] == b"PK"
		if in_zip:
			in_zip = file.file_name in zipfile.ZipFile(io.BytesIO(zipped.content)).namelist()
		for response in (url, method, zipped):
			self.assertTrue(response.ok or refused(response), (key, response.status_code))
		return {
			"url": url.ok and content in url.content,
			"download_file": method.ok and content in method.content,
			"zip_files": bool(in_zip),
		}

	def listed(self, key: str, file) -> bool:
		"""Whether ``key`` finds the file's record in a list (REST, report view) or a count."""
		client = self.client(key)
		rows = client.get(
			"/api/resource/File", filters=[["name", "=", file.name]], fields=["name", "file_name"]
		)
		view = client.call(
			"frappe.desk.reportview.get", doctype="File", fields=["name"], filters=[["name", "=", file.name]]
		)
		count = client.call("frappe.client.get_count", doctype="File", filters={"name": file.name})
		return any(
			(
				rows.ok and bool(rows.json().get("data")),
				view.ok and bool((view.json().get("message") or {}).get("values")),
				count.ok and bool(count.json().get("message")),
			)
		)

	def test_evidence_is_listed_only_to_those_who_may_open_it(self):
		for kind, file in self.files.items():
			for key in READERS:
				self.assertTrue(self.listed(key, file), f"{key} must find the {kind}")
			for key in ("executive", "unit_executive", "plain", "guest", *OTHER_UNIT):
				self.assertFalse(self.listed(key, file), f"{key} must not find the {kind}")

	def test_every_kind_of_evidence_on_every_path_by_role(self):
		for kind, file in self.files.items():
			for key in READERS:
				got = self.downloads(key, file)
				self.assertEqual(got, dict.fromkeys(got, True), f"{key} must open the {kind}")
			for key in ("executive", "unit_executive", "plain", "guest", *OTHER_UNIT):
				got = self.downloads(key, file)
				self.assertEqual(got, dict.fromkeys(got, False), f"{key} must not open the {kind}")
