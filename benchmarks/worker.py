"""An RQ worker of one site, on the Redis queue that site names (a site may name its own in site_config.json,
so a throw-away benchmark site shares no queue with other sites of the bench).

    cd ~/frappe-bench/sites && ../env/bin/python ../apps/kpi_agreement/benchmarks/worker.py \\
        --site kpi-bench.localhost --queue long --burst

``--burst`` stops the worker when the queue is empty (how the bulk benchmark times a run)."""

from __future__ import annotations

import argparse
import os


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--sites-path", default=os.getcwd())
	parser.add_argument("--queue", default="short,default,long")
	parser.add_argument("--burst", action="store_true")
	args = parser.parse_args()
	import frappe
	from frappe.utils.background_jobs import get_queue_list, get_redis_conn
	from rq import Worker

	frappe.init(site=args.site, sites_path=args.sites_path)
	connection = get_redis_conn()
	queues = get_queue_list(args.queue.split(","), build_queue_name=True)
	frappe.destroy()  # each job sets up its own site context (frappe.utils.background_jobs.execute_job)
	Worker(queues, connection=connection).work(burst=args.burst, logging_level="WARNING")


if __name__ == "__main__":
	main()
