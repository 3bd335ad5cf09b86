"""Locust users of the load test (scripts/load-test.sh runs them headless against gunicorn on loopback).

Unit users sign in, open their unit's draft assessment, type for a moment and save a result on their own
lines; the two users of a unit share one assessment, so some saves meet a newer version: Frappe refuses
them with its conflict message (HTTP 417, TimestampMismatchError), and the user reopens the assessment,
enters the result again and saves. Every acknowledged save is written to KPI_LOAD_ACKS for the check
afterwards. Coordinators open the desk, the KPI workspace with its number cards and charts, and the reports.
The whole run stops after KPI_LOAD_MAX_REQUESTS requests, or at locust's --run-time, whichever is first."""

from __future__ import annotations

import json
import os
import random
import re
import threading
import uuid
from pathlib import Path

from locust import FastHttpUser, between, events, task

SETUP = json.loads(Path(os.environ["KPI_LOAD_USERS_FILE"]).read_text())
ACKS = Path(os.environ["KPI_LOAD_ACKS"])
MAX_REQUESTS = int(os.environ.get("KPI_LOAD_MAX_REQUESTS", "20000"))
SITE_HEADER = {"X-Frappe-Site-Name": SETUP["site"]}
UNIT_USERS = [u for u in SETUP["users"] if u["kind"] == "unit"]
COORDINATORS = [u for u in SETUP["users"] if u["kind"] == "coordinator"]
FRAMEWORK = SETUP["framework"]
RETRIES = 3
CSRF_TOKEN = re.compile(r"csrf_token\s*=\s*\"([0-9a-f]+)\"")
lock = threading.Lock()
state = {"requests": 0, "unit": 0, "coordinator": 0, "conflicts": 0}


@events.request.add_listener
def stop_at_the_request_cap(**_kwargs) -> None:
	with lock:
		state["requests"] += 1
		reached = state["requests"] == MAX_REQUESTS
	if reached:
		runner = events_environment["environment"].runner
		if runner:
			runner.quit()


events_environment = {}


@events.init.add_listener
def keep_environment(environment, **_kwargs) -> None:
	events_environment["environment"] = environment
	ACKS.write_text("")


@events.quitting.add_listener
def report_conflicts(environment, **_kwargs) -> None:
	print(f"conflicts refused with Frappe's message and saved again: {state['conflicts']}")


def record(entry: dict) -> None:
	with lock, ACKS.open("a") as out:
		out.write(json.dumps(entry) + "\n")


def next_user(kind: str, people: list[dict]) -> dict:
	with lock:
		person = people[state[kind] % len(people)]
		state[kind] += 1
	return person


class KPIUser(FastHttpUser):
	abstract = True
	people: list[dict] = []
	kind = ""

	def on_start(self) -> None:
		self.person = next_user(self.kind, self.people)
		self.client.post(
			"/api/method/login",
			json={"usr": self.person["user"], "pwd": SETUP["password"]},
			headers=SITE_HEADER,
			name="sign in",
		)

	csrf_token = ""

	def headers(self) -> dict:
		"""The site, and the CSRF token the desk page handed out (Frappe asks for it once the desk is open)."""
		return {**SITE_HEADER, "X-Frappe-CSRF-Token": self.csrf_token} if self.csrf_token else SITE_HEADER

	def call(self, method: str, name: str, **params):
		with self.client.post(
			f"/api/method/{method}", json=params, headers=self.headers(), name=name, catch_response=True
		) as response:
			if response.status_code != 200:
				response.failure(f"{response.status_code}: {response.text[:200]}")
				return None
			return response.json().get("message")


class UnitUser(KPIUser):
	"""A unit's data collector entering results on the lines that are theirs: about one save a minute."""

	wait_time = between(30, 90)
	fixed_count = int(os.environ.get("KPI_LOAD_UNIT_USERS", len(UNIT_USERS)))
	people = UNIT_USERS
	kind = "unit"

	def open_assessment(self) -> dict | None:
		with self.client.get(
			"/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "KPI Assessment", "name": self.person["assessment"]},
			headers=SITE_HEADER,
			name="open assessment",
			catch_response=True,
		) as response:
			if response.status_code != 200:
				response.failure(f"{response.status_code}: {response.text[:200]}")
				return None
			return response.json()["docs"][0]

	@task
	def enter_a_result(self) -> None:
		doc = self.open_assessment()
		mine = [
			line for line in (doc or {}).get("lines", []) if line["idx"] % 2 == (self.person["side"] == "b")
		]
		if not mine:
			return
		line, value = random.choice(mine), str(random.randint(5000, 11000) / 100)
		for _attempt in range(RETRIES):
			self._sleep(random.uniform(5, 15))  # typing the result and its evidence note
			line["self_result"] = value
			outcome = self.save(doc, {line["name"]: value})
			if outcome != "conflict":
				return
			doc = self.open_assessment()  # Frappe said it changed: open the newer version, enter it again
			if not doc:
				return
			line = next(row for row in doc["lines"] if row["name"] == line["name"])

	def save(self, doc: dict, values: dict) -> str:
		"""Save; every save is written down before it is sent and its answer after, so the check can tell a
		save the server acknowledged from one still in flight when the run stopped."""
		sent = {"id": uuid.uuid4().hex, "assessment": doc["name"], "values": values}
		record({"kind": "sent", "loaded_modified": doc["modified"], **sent})
		with self.client.post(
			"/api/method/frappe.desk.form.save.savedocs",
			json={"doc": json.dumps(doc), "action": "Save"},
			headers=self.headers(),
			name="save assessment",
			catch_response=True,
		) as response:
			if response.status_code == 417 and "TimestampMismatchError" in response.text:
				response.success()  # the conflict message: expected, and nothing is lost
				with lock:
					state["conflicts"] += 1
				record({"kind": "refused", "id": sent["id"]})
				return "conflict"
			if response.status_code != 200:
				response.failure(f"{response.status_code}: {response.text[:200]}")
				record({"kind": "refused", "id": sent["id"]})
				return "error"
			saved = response.json()["docs"][0]
			record(
				{
					"kind": "ack",
					"user": self.person["user"],
					"loaded_modified": doc["modified"],
					"modified": saved["modified"],
					**sent,
				}
			)
			return "saved"

	def _sleep(self, seconds: float) -> None:
		import gevent

		gevent.sleep(seconds)


class Coordinator(KPIUser):
	"""The coordinator follows the department: the desk, the KPI workspace and the reports."""

	wait_time = between(30, 90)
	fixed_count = int(os.environ.get("KPI_LOAD_COORDINATORS", len(COORDINATORS)))
	people = COORDINATORS
	kind = "coordinator"

	@task(2)
	def open_workspace(self) -> None:
		desk = self.client.get("/app/performance-agreements", headers=SITE_HEADER, name="open desk")
		token = CSRF_TOKEN.search(desk.text or "")
		self.csrf_token = token.group(1) if token else self.csrf_token
		self.call(
			"frappe.desk.desktop.get_desktop_page",
			"open workspace",
			page=json.dumps({"name": "Performance Agreements", "title": "Performance Agreements"}),
		)
		year = {"fiscal_year": SETUP["year"]}
		for method in ("overdue_count", "latest_average"):
			self.call(f"kpi_agreement.api.dashboard.{method}", "number card", filters=json.dumps(year))
		for card in ("KPI Agreements Signed", "KPI Agreements Total"):
			self.call(
				"frappe.desk.doctype.number_card.number_card.get_result",
				"number card",
				doc=json.dumps({"function": "Count", "document_type": "KPI Agreement", "name": card}),
				filters=json.dumps([["KPI Agreement", "fiscal_year", "=", SETUP["year"]]]),
			)
		for method in ("agreements_per_step", "score_distribution"):
			self.call(f"kpi_agreement.api.dashboard.{method}", "chart", filters=json.dumps(year))

	@task(3)
	def open_a_report(self) -> None:
		report, filters = random.choice(
			[
				("KPI Score Summary", {"framework": FRAMEWORK, "round_months": "6", "group_by_bureau": 1}),
				("KPI Indicator Results", {"framework": FRAMEWORK, "round_months": "6"}),
				("KPI Process Tracker", {"framework": FRAMEWORK}),
			]
		)
		self.call(
			"frappe.desk.query_report.run",
			f"report: {report}",
			report_name=report,
			filters=json.dumps(filters),
		)
