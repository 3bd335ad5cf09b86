"""Digest building at department scale: time and SQL queries for 100 and 500 recipients.

Needs the department made by bench_reports.py on the same site (it makes it when missing). Run:

    cd ~/frappe-bench/sites && ../env/bin/python ../apps/kpi_agreement/benchmarks/bench_digests.py --site kpi-bench.localhost
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_reports import make_department
from common import QueryCounter, connect, timed

DOMAIN = "bench.kpi.example"
ROLES = ("KPI Coordinator", "KPI Executive", "KPI Indicator Owner", "KPI Unit Head", "KPI Data Collector")


def make_people(count: int, framework: str) -> None:
	"""``count`` users spread over the KPI roles; owners and collectors get indicators, heads get units."""
	import frappe

	frappe.flags.in_import = True  # no throttling of user creation
	for i in range(count):
		email = f"person{i:03d}@{DOMAIN}"
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": f"Person {i:03d}",
					"language": "th" if i % 2 else "en",
					"send_welcome_email": 0,
					"enabled": 1,
					"roles": [{"role": ROLES[i % len(ROLES)]}],
				}
			).insert(ignore_permissions=True)
	frappe.db.sql("update tabUser set enabled = 0 where name like %s", f"%@{DOMAIN}")
	frappe.db.sql(
		"update tabUser set enabled = 1 where name in %s",
		[tuple(f"person{i:03d}@{DOMAIN}" for i in range(count))],
	)
	indicators = frappe.get_all(
		"KPI Indicator", filters={"framework": framework}, pluck="name", order_by="name"
	)
	for i, name in enumerate(indicators):
		frappe.db.set_value(
			"KPI Indicator",
			name,
			{
				"indicator_owner": f"person{(i * 5 + 2) % count:03d}@{DOMAIN}",
				"detail_complete": 0,
				"formula": "",
			},
		)
	units = frappe.get_all(
		"KPI Unit", filters={"name": ("like", "Benchmark Unit%")}, pluck="name", order_by="name"
	)
	for i, unit in enumerate(units):
		frappe.db.set_value("KPI Unit", unit, "unit_head", f"person{(i * 5 + 3) % count:03d}@{DOMAIN}")
	frappe.db.sql(
		"update `tabKPI Agreement` set step_due_on = '2020-01-06', workflow_state = 'Negotiation', docstatus = 0 "
		"where framework = %s and name in (select name from (select name from `tabKPI Agreement` "
		"where framework = %s order by name limit 50) t)",
		(framework, framework),
	)
	frappe.db.commit()


def main() -> None:
	args = connect(__doc__.splitlines()[0])
	import frappe

	from kpi_agreement.frappe_free import digest_content
	from kpi_agreement.mail.digest import gather_facts

	framework = make_department()
	frappe.db.set_value("KPI Framework", framework, "fiscal_year", 2570)  # make it the active year
	print("| KPI users | digests built | build time (s) | SQL queries | target |")
	print("|---|---|---|---|---|")
	for count in (100, 500):
		make_people(count, framework)

		def build():
			return digest_content.build_digests(
				gather_facts((digest_content.OWNER, digest_content.COORDINATOR, digest_content.EXECUTIVE))
			)

		seconds, built = timed(build, args.repeat)
		with QueryCounter() as counter:
			build()
		people = len({d.user for d in built})
		print(f"| {count} | {people} | {seconds:.3f} | {counter.count} | <= 10 s, fixed query count |")
	frappe.db.rollback()
	frappe.destroy()


if __name__ == "__main__":
	main()
