"""Results posted from other systems over REST (``POST /api/resource/KPI Result Entry``): a unit-bound
collector posts only their unit's lines, a department-wide integration user posts with an API key, nobody
posts over a certified line or reads another unit's entries, and each result keeps where it came from."""

from __future__ import annotations

import frappe

from kpi_agreement.demo.builders import advance, bind_user_to_unit, make_user
from kpi_agreement.frappe_free import certification, process
from kpi_agreement.tests.http_client import Client, ServedSiteCase, refused
from kpi_agreement.tests.utils import agreement_for, build_department

RESOURCE = "/api/resource/KPI Result Entry"


class TestResultEntryOverREST(ServedSiteCase):
	@classmethod
	def build(cls):
		cls.dept = build_department("RES", units="AB")
		cls.a, cls.b = cls.dept.units
		cls.collectors = {}
		for unit in cls.dept.units:
			collector = make_user(
				f"res-collector-{unit[-1].lower()}@test.kpi.example",
				"Collector",
				[process.DATA_COLLECTOR],
				"en",
			)
			bind_user_to_unit(collector, unit)
			for indicator in cls.dept.indicators[unit]:
				frappe.db.set_value("KPI Indicator", indicator, "data_collector", collector)
			cls.collectors[unit] = collector
		cls.feed = make_user("res-feed@test.kpi.example", "Results Feed", [process.INTEGRATION], "en")
		feed = frappe.get_doc("User", cls.feed)
		feed.api_key = feed.api_key or frappe.generate_hash(length=15)
		cls.api_secret = frappe.generate_hash(length=15)
		feed.api_secret = cls.api_secret
		feed.save(ignore_permissions=True)
		cls.api_key = feed.api_key
		cls.assessments = {}
		for unit in cls.dept.units:
			agreement = agreement_for(cls.dept, unit)
			advance(agreement, process.BOOKLET_COMPILED)
			doc = frappe.get_doc({"doctype": "KPI Assessment", "agreement": agreement, "round_months": "9"})
			cls.assessments[unit] = doc.insert(ignore_permissions=True).name

	def row(self, unit: str, code: str, result: str) -> dict:
		return {
			"fiscal_year": 2569,
			"round_months": "9",
			"unit": unit,
			"indicator_code": code,
			"result": result,
			"source": "GFMIS",
		}

	def line(self, unit: str, code: str):
		frappe.db.rollback()  # a fresh read of what the web server committed
		doc = frappe.get_doc("KPI Assessment", self.assessments[unit])
		index = 0 if code.endswith(".1") else 1
		return doc, doc.lines[index]

	def test_a_units_collector_posts_its_result_with_the_source(self):
		response = self.client_for(self.collectors[self.a]).post(
			"KPI Result Entry", self.row(self.a, "1.1", "94.5")
		)
		self.assertEqual(response.status_code, 200, response.text)
		doc, line = self.line(self.a, "1.1")
		self.assertEqual((line.self_result, line.line_state), ("94.5", certification.ENTERED))
		self.assertEqual(line.result_by, self.collectors[self.a])
		self.assertIn("GFMIS", line.result_source)
		self.assertIn("GFMIS", doc.history[-1].reason)
		# what the entry was applied to, and who posted it, are the process's: a PUT changes neither
		client, name = self.client_for(self.collectors[self.a]), response.json()["data"]["name"]
		client.put("KPI Result Entry", name, {"posted_by": "Administrator"})
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("KPI Result Entry", name, "posted_by"), self.collectors[self.a])
		moved = client.put("KPI Result Entry", name, {"assessment": self.assessments[self.b]})
		self.assertTrue(refused(moved), moved.text)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("KPI Result Entry", name, "assessment"), self.assessments[self.a]
		)

	def test_another_units_collector_posts_nothing_and_reads_nothing(self):
		other = self.client_for(self.collectors[self.b])
		self.assertTrue(refused(other.post("KPI Result Entry", self.row(self.a, "1.2", "8"))))
		self.assertFalse(self.line(self.a, "1.2")[1].self_result)
		self.client_for(self.collectors[self.a]).post("KPI Result Entry", self.row(self.a, "1.2", "7"))
		listed = other.get(RESOURCE, fields=["name", "unit"], limit_page_length=100).json()["data"]
		self.assertNotIn(self.a, {entry["unit"] for entry in listed})
		name = frappe.db.get_value("KPI Result Entry", {"unit": self.a}, "name")
		self.assertTrue(refused(other.get(f"{RESOURCE}/{name}")))
		count = other.call("frappe.client.get_count", doctype="KPI Result Entry", filters={"unit": self.a})
		self.assertIn(count.json().get("message", 0), (0, None))

	def test_the_integration_user_posts_with_an_api_key_but_not_over_a_certified_line(self):
		feed = Client(self.base)
		feed.session.headers["Authorization"] = f"token {self.api_key}:{self.api_secret}"
		response = feed.post("KPI Result Entry", self.row(self.b, "2.1", "95"))
		self.assertEqual(response.status_code, 200, response.text)
		doc, line = self.line(self.b, "2.1")
		self.assertEqual((line.result_by, line.line_state), (self.feed, certification.ENTERED))

		frappe.db.set_value(line.doctype, line.name, "line_state", certification.CERTIFIED)
		frappe.db.commit()
		name = response.json()["data"]["name"]
		again = feed.put("KPI Result Entry", name, {"result": "99"})
		self.assertTrue(refused(again), again.text)
		self.assertEqual(self.line(self.b, "2.1")[1].self_result, "95")
		# the committee's fields stay the committee's
		forged = feed.put(
			"KPI Assessment", doc.name, {"lines": [{"name": line.name, "committee_score": "5"}]}
		)
		self.assertFalse(forged.ok and self.line(self.b, "2.1")[1].committee_score)

	def test_a_collectors_import_file_and_its_log_stay_theirs(self):
		"""A collector's Data Import of results (the file holds figures before certification) is theirs:
		another unit's collector opens neither the import, its log nor the file's URL."""
		own = self.client_for(self.collectors[self.a])
		created = own.post(
			"Data Import", {"reference_doctype": "KPI Result Entry", "import_type": "Insert New Records"}
		)
		self.assertEqual(created.status_code, 200, created.text)
		name = created.json()["data"]["name"]
		uploaded = own.session.post(
			f"{self.base}/api/method/upload_file",
			files={"file": ("results.csv", b"Fiscal Year (B.E.),Unit\n2569,A\n")},
			data={"is_private": 1, "doctype": "Data Import", "docname": name, "fieldname": "import_file"},
			timeout=60,
		)
		self.assertEqual(uploaded.status_code, 200, uploaded.text)
		url = uploaded.json()["message"]["file_url"]
		self.assertTrue(url.startswith("/private/files/"), url)
		self.assertEqual(own.get(url).status_code, 200)

		other = self.client_for(self.collectors[self.b])
		self.assertTrue(refused(other.get(url)), url)
		self.assertTrue(refused(other.get(f"/api/resource/Data Import/{name}")))
		listed = other.get("/api/resource/Data Import", limit_page_length=100).json().get("data", [])
		self.assertNotIn(name, {row["name"] for row in listed})
		logs = other.get(
			"/api/resource/Data Import Log", filters=[["data_import", "=", name]], fields=["name"]
		)
		self.assertTrue(refused(logs) or not logs.json().get("data"), logs.text)
		files = other.get("/api/resource/File", filters=[["file_url", "=", url]], fields=["name"])
		self.assertTrue(refused(files) or not files.json().get("data"), files.text)
		count = other.call("frappe.client.get_count", doctype="File", filters={"file_url": url})
		self.assertIn(count.json().get("message", 0), (0, None), count.text)
		mine = own.get("/api/resource/File", filters=[["file_url", "=", url]], fields=["name"])
		self.assertEqual(len(mine.json()["data"]), 1, mine.text)
		self.assertTrue(refused(Client(self.base).get(url)))  # nor a guest
		for doctype in ("KPI Unit", "KPI Indicator", "KPI Framework"):  # what only the coordinator imports
			self.assertTrue(
				refused(
					own.post(
						"Data Import", {"reference_doctype": doctype, "import_type": "Insert New Records"}
					)
				)
			)
