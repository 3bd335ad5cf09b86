"""Department-wide jobs stopped part way and run again.

Each job runs here as an RQ worker runs it (``execute_job``: the job's transaction, rolled back when the job
fails), after the request that queued it has committed. A failure is injected between one document's
writes and its commit, as when a worker is killed there. After the failure the documents done before it are
done and committed, the one it was on is as it was (nothing half done); running the job again finishes the
rest without doing the finished documents twice. These tests commit, so each class has a department of its
own."""

from __future__ import annotations

import io
import zipfile
from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.utils.background_jobs import execute_job

from kpi_agreement.demo.builders import advance, make_assessment
from kpi_agreement.frappe_free import process
from kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet import zip_booklets, zip_parts
from kpi_agreement.tests.utils import KPITestCase, agreement_for, build_department, user
from kpi_agreement.utils import bulk_jobs

CHUNK = 2


class Workers:
	"""Stands in for the RQ workers: collects the jobs a run queues and runs them as a worker does."""

	def __init__(self):
		self.queued: list[tuple] = []
		self.failed = 0

	def enqueue(self, method, *, job_id: str, **kwargs) -> None:
		self.queued.append((method, kwargs))

	def run(self, fail_at: int | None = None) -> int:
		"""Commit the request that queued the jobs, then run them; the ``fail_at``-th document (counting
		from 1 over all jobs) fails after its writes, before its commit. Returns the jobs that ran."""
		frappe.db.commit()
		committed = {"count": 0}
		real_commit = bulk_jobs.commit_document

		def commit_or_die():
			committed["count"] += 1
			if committed["count"] == fail_at:
				raise RuntimeError("worker killed before the commit")
			real_commit()

		jobs, self.queued = self.queued, []
		with patch.object(bulk_jobs, "commit_document", commit_or_die):
			for method, kwargs in jobs:
				self.execute(method, kwargs)
		return len(jobs)

	def execute(self, method, kwargs: dict) -> None:
		try:
			execute_job(
				frappe.local.site, method, None, "test", kwargs, user=frappe.session.user, is_async=False
			)
		except RuntimeError:
			self.failed += 1  # the job failed; the other workers' jobs go on
		finally:
			frappe.local.job = None


@contextmanager
def workers():
	pool = Workers()
	with patch.object(bulk_jobs, "enqueue", pool.enqueue):
		yield pool


class BulkJobCase(KPITestCase):
	UNITS = "ABCD"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.dept = build_department(f"BJ{frappe.generate_hash(length=5)}", units=cls.UNITS)
		frappe.db.commit()

	def tearDown(self):
		frappe.local.job = None
		frappe.set_user("Administrator")

	def framework(self):
		return frappe.get_doc("KPI Framework", self.dept.framework)

	@staticmethod
	def modified(names: list[str]) -> dict[str, object]:
		return {name: frappe.db.get_value("KPI Agreement", name, "modified") for name in names}


class TestCreateAgreementsResume(BulkJobCase):
	def test_create_resumes_after_a_killed_worker(self):
		framework = self.framework()
		units = framework.units_without_agreement()
		self.assertGreaterEqual(len(units), len(self.UNITS))
		frappe.set_user(user("coordinator"))
		with (
			patch("kpi_agreement.kpi_agreement.doctype.kpi_framework.kpi_framework.INLINE_AGREEMENTS", 0),
			patch("kpi_agreement.kpi_agreement.doctype.kpi_framework.kpi_framework.CREATE_CHUNK", CHUNK),
			workers() as pool,
		):
			self.assertEqual(framework.create_agreements(), len(units))
			self.assertEqual(pool.run(fail_at=2), -(-len(units) // CHUNK))  # the chunks, over the workers
			self.assertEqual(pool.failed, 1)
			frappe.db.rollback()
			made = self.agreements()
			self.assertEqual(sorted(made), sorted(units[:1] + units[2:]))  # the second unit's was never made
			before = self.modified(list(made.values()))

			self.assertEqual(framework.create_agreements(), 1)  # again: only the missing one
			pool.run()
		frappe.db.rollback()
		made = self.agreements()
		self.assertEqual(sorted(made), sorted(units))
		self.assertEqual(
			frappe.db.count("KPI Agreement", {"framework": self.dept.framework}), len(units)
		)  # one each
		self.assertEqual(self.modified(list(before)), before)  # the finished ones were not touched

	def agreements(self) -> dict[str, str]:
		rows = frappe.get_all("KPI Agreement", {"framework": self.dept.framework}, ["unit", "name"])
		return {row.unit: row.name for row in rows}


class TestMoveStepResume(BulkJobCase):
	def test_move_resumes_after_a_killed_worker(self):
		names = sorted(agreement_for(self.dept, unit) for unit in self.dept.units)
		frappe.set_user(user("coordinator"))
		with (
			patch("kpi_agreement.kpi_agreement.doctype.kpi_agreement.agreement_workflow.MOVE_CHUNK", CHUNK),
			workers() as pool,
		):
			self.framework().start_indicator_drafting()
			pool.run(fail_at=3)  # the second job dies on its first agreement, the rest of its chunk waits
			frappe.db.rollback()
			states = self.states(names)
			self.assertEqual(states[names[2]], process.FRAMEWORK_REVIEW)  # as it was: not half moved
			self.assertEqual(states[names[3]], process.FRAMEWORK_REVIEW)
			moved = names[:2]
			self.assertEqual({states[name] for name in moved}, {process.INDICATOR_DRAFTING})
			before = self.modified(moved)

			self.framework().start_indicator_drafting()
			pool.run()
		frappe.db.rollback()
		self.assertEqual(set(self.states(names).values()), {process.INDICATOR_DRAFTING})
		self.assertEqual(self.modified(moved), before)
		for name in names:  # each moved once: one history row for the step it entered
			history = frappe.get_all(
				"KPI Agreement Step",
				{"parent": name, "state": process.INDICATOR_DRAFTING},
				parent_doctype="KPI Agreement",
			)
			self.assertEqual(len(history), 1, name)

	@staticmethod
	def states(names: list[str]) -> dict[str, str]:
		return {name: frappe.db.get_value("KPI Agreement", name, "workflow_state") for name in names}


class TestCompileBookletsResume(BulkJobCase):
	UNITS = "ABC"

	def test_booklets_resume_after_a_killed_worker(self):
		names = sorted(agreement_for(self.dept, unit) for unit in self.dept.units)
		for name in names:
			advance(name, process.SIGNED)
		frappe.set_user(user("coordinator"))
		with (
			patch("kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet.BOOKLET_CHUNK", CHUNK),
			workers() as pool,
		):
			self.framework().compile_booklets()
			pool.run(fail_at=2)
			frappe.db.rollback()
			self.assertFalse(frappe.db.get_value("KPI Agreement", names[1], "booklet"))
			self.assertEqual(self.files(names[1]), [])  # no booklet file left behind in the records
			self.assertEqual(len(self.files(names[0])), 1)
			self.assertFalse(self.zip_url())  # the run did not finish: no ZIP yet
			first = {name: self.files(name) for name in (names[0], names[2])}

			self.framework().compile_booklets()
			pool.run()
		frappe.db.rollback()
		for name in names:
			self.assertEqual(len(self.files(name)), 1, name)
		for name, files in first.items():
			self.assertEqual(self.files(name), files)  # not typeset again
		content = frappe.get_doc("File", {"file_url": self.zip_url()}).get_content()
		with zipfile.ZipFile(io.BytesIO(content)) as archive:
			self.assertEqual(sorted(archive.namelist()), sorted(f"{unit}.pdf" for unit in self.dept.units))

		# past the site's largest file size the booklets go into several ZIPs, which replace the one
		with patch(
			"kpi_agreement.kpi_agreement.doctype.kpi_agreement.booklet.get_max_file_size", return_value=1
		):
			urls = zip_booklets(self.dept.framework)
		self.assertEqual(len(urls), len(names))
		zips = frappe.get_all(
			"File",
			{"attached_to_doctype": "KPI Framework", "attached_to_name": self.dept.framework},
			pluck="name",
		)
		self.assertEqual(len(zips), len(names))

	@staticmethod
	def files(name: str) -> list[str]:
		return frappe.get_all(
			"File",
			{
				"attached_to_doctype": "KPI Agreement",
				"attached_to_name": name,
				"attached_to_field": "booklet",
			},
			pluck="name",
		)

	def zip_url(self) -> str | None:
		return frappe.db.get_value(
			"File",
			{"attached_to_doctype": "KPI Framework", "attached_to_name": self.dept.framework},
			"file_url",
		)


class TestPublishScorecardResume(BulkJobCase):
	UNITS = "ABC"

	def test_publishing_moves_resume_after_a_killed_worker(self):
		names = sorted(agreement_for(self.dept, unit) for unit in self.dept.units)
		for name in names:
			advance(name, process.BOOKLET_COMPILED)
			make_assessment(name, "9", ["95", "7"])
			advance(name, process.ASSESSED)
		scorecard = frappe.get_doc(
			{"doctype": "KPI Scorecard", "framework": self.dept.framework, "round_months": "9"}
		).insert()
		scorecard.build()
		frappe.db.commit()
		frappe.set_user(user("coordinator"))
		with (
			patch("kpi_agreement.kpi_agreement.doctype.kpi_agreement.agreement_workflow.MOVE_CHUNK", CHUNK),
			workers() as pool,
		):
			scorecard.submit()  # publishing queues the moves
			pool.run(fail_at=1)  # the first job dies on its first agreement, the second job finishes
			frappe.db.rollback()
			self.assertEqual(frappe.db.get_value("KPI Scorecard", scorecard.name, "docstatus"), 1)
			states = [frappe.db.get_value("KPI Agreement", name, "workflow_state") for name in names]
			self.assertEqual(states, [process.ASSESSED, process.ASSESSED, process.SCORES_SUMMARIZED])
			before = self.modified(names[2:])

			frappe.get_doc("KPI Scorecard", scorecard.name).resume_moves()
			pool.run()
		frappe.db.rollback()
		states = {frappe.db.get_value("KPI Agreement", name, "workflow_state") for name in names}
		self.assertEqual(states, {process.SCORES_SUMMARIZED})
		self.assertEqual(self.modified(names[2:]), before)


class TestBulkRunTally(BulkJobCase):
	UNITS = "AB"

	def test_one_progress_count_and_one_finish_per_run(self):
		work = "kpi_agreement.kpi_agreement.doctype.kpi_framework.kpi_framework.create_agreement"
		arguments = {"framework": self.dept.framework}
		finished = []
		with patch.object(bulk_jobs, "finish_run", lambda run: finished.append(bulk_jobs.summary(run["id"]))):
			run = bulk_jobs.start(work, self.dept.units, title="test", chunk_size=1, arguments=arguments)
			# a job retried (after a deadlock) does its documents again: skipped, neither counted nor finished twice
			retried = {"id": run, "work": work, "arguments": arguments, "finish": None, "title": "test"}
			bulk_jobs.run_chunk({**retried, "finish_arguments": {}, "total": 2}, self.dept.units[:1])
		self.assertEqual(finished, [{"done": 2, "skipped": 0, "failed": 0}])
		self.assertEqual(bulk_jobs.summary(run), finished[0])


class TestZipParts(KPITestCase):
	def test_parts_stay_within_the_limit(self):
		booklets = [frappe._dict(unit=unit, file_size=10_000) for unit in "ABCDE"]
		self.assertEqual([len(part) for part in zip_parts(booklets, 25_000)], [2, 2, 1])
		self.assertEqual([len(part) for part in zip_parts(booklets, 10**9)], [5])
