"""Department-wide work as background jobs that spread over the workers and can be run again.

A run splits its documents into chunks and enqueues one job per chunk on the ``long`` queue, so every worker
listening to that queue takes a share. Each document is done in its own transaction and committed on its own
in a worker, and a document already done is skipped, so a run stopped by a failure or a killed worker is
resumed by starting it again: the documents it finished stay finished and the one it was on was never
committed. One progress bar covers the whole run: each chunk counts its documents in RQ's Redis and the chunk
that counts the last one finishes the run (the booklets' ZIP, the message that the run is done).

What a kind of run does to one document is a function ``(name, **arguments) -> Outcome`` named by its
dotted path; it locks the document (or the row its work hangs on), checks whether the work is still to do,
and does it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Literal

import frappe
import redis
from frappe import _
from frappe.utils.background_jobs import get_redis_conn

QUEUE = "long"
CHUNK_TIMEOUT = 1500
TALLY_TTL = 24 * 60 * 60
Outcome = Literal["done", "skipped", "failed"]
OUTCOMES: tuple[Outcome, ...] = ("done", "skipped", "failed")
DONE_EVENT = "kpi_bulk_run_done"


def start(
	work: str,
	names: list[str],
	*,
	title: str,
	chunk_size: int,
	arguments: dict | None = None,
	finish: str | None = None,
	finish_arguments: dict | None = None,
) -> str:
	"""Enqueue ``work`` (called with each name and ``arguments``) over ``names`` in chunks of
	``chunk_size``; returns the run's id. ``finish`` (a dotted path, called with ``finish_arguments``) runs
	once, after the last document of the run, or at once when there is nothing left to do."""
	run = {
		"id": frappe.generate_hash(length=12),
		"work": work,
		"arguments": arguments or {},
		"finish": finish,
		"finish_arguments": finish_arguments or {},
		"title": title,
		"total": len(names),
	}
	if not names:
		enqueue(finish_run, run=run, job_id=f"kpi-bulk-{run['id']}-finish")
		return run["id"]
	for number, chunk in enumerate(chunks(names, chunk_size), start=1):
		enqueue(run_chunk, run=run, names=chunk, job_id=f"kpi-bulk-{run['id']}-{number}")
	return run["id"]


def chunks(names: list[str], size: int) -> Iterator[list[str]]:
	size = max(size, 1)
	for first in range(0, len(names), size):
		yield names[first : first + size]


def enqueue(method, *, job_id: str, **kwargs) -> None:
	"""A job on the long queue, once the request that started the run has committed (tests run it now)."""
	frappe.enqueue(
		method,
		queue=QUEUE,
		timeout=CHUNK_TIMEOUT,
		job_id=job_id,
		now=bool(frappe.flags.in_test),
		enqueue_after_commit=True,
		**kwargs,
	)


def run_chunk(run: dict, names: list[str]) -> dict[str, int]:
	"""One job of a run: each document in its own transaction, counted towards the run's progress."""
	run = frappe._dict(run)
	work = frappe.get_attr(run.work)
	outcomes = dict.fromkeys(OUTCOMES, 0)
	failed = []
	for name in names:
		outcome, reason = do_one(work, name, run.arguments)
		outcomes[outcome] += 1
		if reason:
			failed.append({"document": name, "reason": reason})
		new, counted = count(run, name, outcome)
		frappe.publish_progress(counted * 100 / run.total, title=run.title, description=name)
		if new and counted == run.total:
			finish_run(run)
	if failed:
		frappe.log_error(
			title=_("{0}: {1} documents could not be done").format(run.title, len(failed)),
			message=json.dumps(failed, ensure_ascii=False, indent=1),
		)
	return outcomes


def do_one(work, name: str, arguments: dict) -> tuple[Outcome, str | None]:
	"""Do one document; a refusal (a validation error) leaves it as it was and is reported, anything
	else stops the job with the document uncommitted."""
	savepoint = "kpi_bulk_document"
	if not in_worker():
		frappe.db.savepoint(savepoint)
	try:
		outcome = work(name, **arguments)
	except frappe.ValidationError as error:
		# in a worker all since the last commit is this document's; inline, only what followed the savepoint
		frappe.db.rollback(save_point=None if in_worker() else savepoint)
		frappe.clear_last_message()
		return "failed", frappe.utils.strip_html(str(error))
	commit_document()
	return outcome, None


def commit_document() -> None:
	"""In a worker each document is committed on its own: a killed worker loses at most the document it was
	on, and never leaves it half done. Run inline (a request, a test), the caller's transaction holds all."""
	if in_worker():
		frappe.db.commit()


def in_worker() -> bool:
	return bool(getattr(frappe.local, "job", None))


def reserve_name(doc) -> None:
	"""In a worker, take a new document's number from its naming series in a transaction of its own: the
	series' row is then locked for a moment, not for the whole insert, so workers creating documents at once
	do not wait on each other. A number left unused (the document was not made after all) is skipped."""
	if in_worker():
		doc.set_new_name()
		frappe.db.commit()


# --- the run's tally in Redis: one progress bar over every chunk, and one finish


def tally() -> redis.Redis:
	"""The tally lives beside the jobs, in RQ's Redis: the cache's Redis may be cleared while a run goes on."""
	return get_redis_conn()


def tally_key(run_id: str) -> str:
	return f"kpi_bulk_run:{frappe.local.site}:{run_id}"


def count(run: frappe._dict, name: str, outcome: Outcome) -> tuple[bool, int]:
	"""Record one document's outcome in the run's tally (a hash of document -> first outcome, so a document
	done again by a retried job is not counted twice). Returns whether it was new and how many are counted;
	both come from one MULTI/EXEC, so exactly one document of a run sees the last count."""
	key = tally_key(run.id)
	pipeline = tally().pipeline()
	pipeline.hsetnx(key, name, outcome)
	pipeline.hlen(key)
	pipeline.expire(key, TALLY_TTL)
	new, counted, _expiry = pipeline.execute()
	return bool(new), int(counted)


def summary(run_id: str) -> dict[str, int]:
	outcomes = [value.decode() for value in tally().hvals(tally_key(run_id))]
	return {outcome: outcomes.count(outcome) for outcome in OUTCOMES}


def finish_run(run: dict) -> None:
	"""After the run's last document: its finishing step, then the message that it is done."""
	run = frappe._dict(run)
	result = summary(run.id)
	if run.finish:
		result["result"] = frappe.get_attr(run.finish)(**run.finish_arguments)
	frappe.publish_progress(100, title=run.title, description=_("Done"))
	frappe.publish_realtime(DONE_EVENT, {"title": run.title, **result}, user=frappe.session.user)


def queued_message(title: str, total: int) -> None:
	frappe.msgprint(
		_("{0}: {1} documents, in the background. Progress shows here; run it again to resume.").format(
			title, total
		),
		alert=True,
	)
