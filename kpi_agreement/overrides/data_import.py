"""Frappe's Data Import as a Thai department needs it.

- **Headers in the importing user's language.** Data Import keeps one map of column headers per DocType in the
  cache, built in the language of whoever needed it first — in a worker, English — so a file headed in Thai (as
  Data Import's own template heads it for a Thai user) was matched or not by chance. The map now learns the
  headers of every language its users import in.
- **A row answers for itself** (this app's DocTypes, ``utils/import_rows.py``), and *Start Import on All
  Workers* for the DocTypes a department imports by the ten thousand (``utils/bulk_import.py``).
"""

from __future__ import annotations

from functools import partial

import frappe
from frappe import _
from frappe.core.doctype.data_import.data_import import DataImport
from frappe.core.doctype.data_import.importer import Importer, build_fields_dict_for_column_matching
from frappe.utils.background_jobs import enqueue, is_job_enqueued
from frappe.utils.scheduler import is_scheduler_inactive
from rq.timeouts import JobTimeoutException

from kpi_agreement.overrides.frappe_api import is_app_doctype
from kpi_agreement.utils.bulk_import import GROUPS
from kpi_agreement.utils.import_rows import answer_for_row, payloads_answering_for_their_rows

HEADER_MAP = "data_import_column_header_map"
"""Data Import's own cache of column headers (``importer.get_df_for_column_header``)."""


class KPIDataImport(DataImport):
	def validate(self):
		self.refuse_without_import_permission()
		super().validate()

	def refuse_without_import_permission(self) -> None:
		"""Frappe asks only that each row may be created; the permission matrix's *Import* of this app's
		DocTypes holds for Data Import on every path too."""
		doctype = self.reference_doctype
		if is_app_doctype(doctype) and not frappe.has_permission(doctype, "import"):
			frappe.throw(
				_("You may not import {0}; the KPI coordinator imports it.").format(_(doctype)),
				frappe.PermissionError,
			)

	def onload(self):
		self.set_onload("on_all_workers", self.reference_doctype in GROUPS)

	def get_importer(self) -> Importer:
		return KPIImporter(self.reference_doctype, data_import=self)

	def start_import(self) -> bool:
		"""Frappe's Start Import, running :func:`run_import` (this importer) in the worker."""
		run_now = frappe.flags.in_test or frappe.conf.developer_mode
		if is_scheduler_inactive() and not run_now:
			frappe.throw(_("Scheduler is inactive. Cannot import data."), title=_("Scheduler Inactive"))
		job_id = f"data_import::{self.name}"
		if is_job_enqueued(job_id):
			return False
		enqueue(
			run_import,
			queue="default",
			timeout=10000,
			event="data_import",
			job_id=job_id,
			data_import=self.name,
			now=run_now,
		)
		return True


def run_import(data_import: str) -> None:
	"""The background job of Start Import (as Frappe's own, with :class:`KPIImporter`)."""
	doc = frappe.get_doc("Data Import", data_import)
	try:
		doc.get_importer().import_data()
	except JobTimeoutException:
		frappe.db.rollback()
		doc.db_set("status", "Timed Out")
	except Exception:
		frappe.db.rollback()
		doc.db_set("status", "Error")
		doc.log_error("Data import failed")
	finally:
		frappe.flags.in_import = False
	frappe.publish_realtime("data_import_refresh", {"data_import": doc.name})


class KPIImporter(Importer):
	def __init__(self, doctype: str, *args, **kwargs):
		frappe.set_user_lang(frappe.session.user)
		learn_headers(doctype)
		super().__init__(doctype, *args, **kwargs)
		if is_app_doctype(doctype):
			file = self.import_file
			file.get_payloads_for_import = partial(payloads_answering_for_their_rows, file)
			for column in file.header.columns:
				for warning in column.warnings:
					warning["type"] = "info"  # told in the preview; each row answers for its own value

	def process_doc(self, doc: dict):
		frappe.clear_messages()  # a row's log holds its own messages only
		answer_for_row(doc, self.doctype)
		return super().process_doc(doc)


def learn_headers(doctype: str) -> None:
	"""Add the headers of the current language to Data Import's cached map of ``doctype``'s columns."""
	known = frappe.cache.hget(HEADER_MAP, doctype) or {}
	frappe.cache.hset(HEADER_MAP, doctype, {**build_fields_dict_for_column_matching(doctype), **known})
