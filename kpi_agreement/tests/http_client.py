"""The one HTTP client of the served test site, and the base class of every test that goes through it.

The web server sees only committed data: test classes that use it commit what they build (with unique
names) and skip when the site's host_name does not answer."""

from __future__ import annotations

import json
import re

import frappe
import requests

from kpi_agreement.demo.builders import demo_password
from kpi_agreement.tests.utils import KPITestCase


def site_url() -> str | None:
	"""The served test site, or None when nothing answers at its host_name."""
	base = frappe.utils.get_url()
	try:
		requests.get(f"{base}/api/method/ping", timeout=5).raise_for_status()
	except requests.RequestException:
		return None
	return base


class ServedSiteCase(KPITestCase):
	"""Tests against the served site: ``build`` makes (with unique names) what they need and it is committed;
	every test is skipped when nothing answers at the site's host_name."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.clients = {}
		cls.base = site_url()
		if cls.base:
			cls.build()
			frappe.db.commit()

	@classmethod
	def build(cls) -> None:
		"""What the class's tests need, made as Administrator."""

	def setUp(self):
		if not self.base:
			self.skipTest("the site's host_name does not answer; start `bench serve` to run the HTTP tests")

	def client_for(self, user: str | None = None) -> Client:
		"""The class's client signed in as ``user``, or a guest's without one (one each, kept for the class)."""
		if user not in self.clients:
			self.clients[user] = Client(self.base, user)
		return self.clients[user]


class Client:
	"""One user, signed in with the demo password, or by an API key and secret (``token``) as a script
	signs in, or a guest with neither: ``get``/``call``/``put``/``post``/``delete`` return the raw response."""

	def __init__(self, base: str, user: str | None = None, token: tuple[str, str] | None = None):
		self.base, self.user = base, user
		self.session = requests.Session()
		if token:
			self.session.headers["Authorization"] = "token {}:{}".format(*token)
		if user is None or token:
			return
		response = self.session.post(
			f"{base}/api/method/login", data={"usr": user, "pwd": demo_password()}, timeout=30
		)
		response.raise_for_status()
		token = re.search(r'frappe.csrf_token = "([^"]+)"', self.session.get(f"{base}/app", timeout=60).text)
		if token:
			self.session.headers["X-Frappe-CSRF-Token"] = token.group(1)

	def get(self, path: str, timeout: int = 60, **params) -> requests.Response:
		return self.session.get(f"{self.base}{path}", params=encode(params), timeout=timeout)

	def call(self, endpoint: str, **data) -> requests.Response:
		return self.session.post(f"{self.base}/api/method/{endpoint}", data=encode(data), timeout=120)

	def put(self, doctype: str, name: str, data: dict) -> requests.Response:
		return self.session.put(f"{self.base}/api/resource/{doctype}/{name}", json=data, timeout=60)

	def post(self, doctype: str, data: dict) -> requests.Response:
		return self.session.post(f"{self.base}/api/resource/{doctype}", json=data, timeout=60)

	def delete(self, doctype: str, name: str) -> requests.Response:
		return self.session.delete(f"{self.base}/api/resource/{doctype}/{name}", timeout=60)


def encode(values: dict) -> dict:
	return {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in values.items()}


def refused(response: requests.Response) -> bool:
	"""The server said no: an authentication, permission, not-found or validation refusal."""
	return response.status_code in (401, 403, 404, 417)
