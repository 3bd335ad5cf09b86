"""Digest content from plain data: who gets what, nobody gets an empty email, Thai and English."""

import datetime as dt

from kpi_agreement.frappe_free import digest_content
from kpi_agreement.frappe_free.digest_content import Facts, build_digests, is_due

TODAY = dt.date(2026, 11, 25)
USERS = {
	"coord@x": {"name": "Coordinator", "language": "th", "roles": {"KPI Coordinator"}, "opt_out": False},
	"exec@x": {"name": "Executive", "language": "en", "roles": {"KPI Executive"}, "opt_out": False},
	"owner@x": {"name": "Owner", "language": "en", "roles": {"KPI Indicator Owner"}, "opt_out": False},
	"head@x": {"name": "Head", "language": "th", "roles": {"KPI Unit Head"}, "opt_out": False},
	"idle@x": {"name": "Idle", "language": "en", "roles": {"KPI Committee"}, "opt_out": False},
	"quiet@x": {"name": "Quiet", "language": "en", "roles": {"KPI Indicator Owner"}, "opt_out": True},
}


def facts(**extra) -> Facts:
	base = {
		"today": TODAY,
		"users": USERS,
		"indicators": [
			{
				"name": "I1",
				"title": "Budget rate",
				"owner": "owner@x",
				"collector": "quiet@x",
				"missing": ["Formula"],
			}
		],
		"agreements": [
			{
				"name": "A1",
				"unit": "Unit A",
				"state": "Negotiation",
				"due": dt.datetime(2026, 11, 20, 23, 59),
				"days_late": 3,
				"unit_head": "head@x",
			},
			{
				"name": "A2",
				"unit": "Unit B",
				"state": "Ready for Signing",
				"due": dt.datetime(2026, 11, 30, 23, 59),
				"days_late": 0,
				"unit_head": "head@x",
			},
			{
				"name": "A3",
				"unit": "Unit C",
				"state": "Presented",
				"due": None,
				"days_late": 0,
				"unit_head": None,
			},
		],
		"assessments": [
			{
				"name": "S1",
				"unit": "Unit A",
				"months": "6",
				"results_due": dt.datetime(2026, 12, 1, 23, 59, 59),
				"unit_head": "head@x",
				"lines": [
					{
						"indicator": "Budget rate",
						"state": "Not Entered",
						"collector": "owner@x",
						"evidence": 0,
					},
					{"indicator": "Service days", "state": "Entered", "collector": "owner@x", "evidence": 0},
				],
			}
		],
		"scores": [
			{"unit": "Unit D", "unit_head": "head@x", "score": "4.2500", "rank": 2, "change": "0.5000"}
		],
	}
	base.update(extra)
	return Facts(**base)


def by_user(digests):
	return {d.user: d for d in digests}


def titles(d):
	return [s.title for s in d.sections]


def test_each_role_gets_its_own_items():
	result = by_user(build_digests(facts()))
	assert set(result) == {"coord@x", "exec@x", "owner@x", "head@x"}
	assert titles(result["owner@x"]) == [
		"Indicator detail sheets to complete",
		"Results to enter for the 6-month round",
		"Evidence to attach",
	]
	assert titles(result["exec@x"]) == ["Agreements waiting on you"]  # negotiation is the executive's
	coordinator = result["coord@x"]
	assert [len(s.items) for s in coordinator.sections] == [1, 1, 1, 1]
	assert coordinator.sections[0].items[0].text == "Unit B: เตรียมลงนามคำรับรอง"  # signing: the coordinator's
	assert "เกินกำหนด 3 วันทำการ" in coordinator.sections[1].items[0].text


def test_nobody_gets_an_empty_email():
	result = build_digests(facts(indicators=[], agreements=[], assessments=[], scores=[]))
	assert result == []
	assert "idle@x" not in by_user(build_digests(facts()))


def test_opt_out_is_respected():
	assert "quiet@x" not in by_user(build_digests(facts()))


def test_thai_and_english_rendering():
	result = by_user(build_digests(facts()))
	thai = result["head@x"]
	assert thai.language == "th"
	assert thai.subject == "ระบบคำรับรองการปฏิบัติราชการ: มี 1 รายการรอการดำเนินการ"
	assert thai.sections[0].items[0].text == "Unit D: คะแนน 4.2500 ลำดับที่ 2 เปลี่ยนแปลง +0.5000"
	coordinator = result["coord@x"]
	assert coordinator.sections[0].items[0].due == "กำหนด 30 พ.ย. 2569"
	english = result["exec@x"]
	assert english.subject == "KPI Agreement: 1 item(s) need your attention"
	assert english.sections[0].items[0].text == "Unit A: Negotiation"
	assert english.sections[0].items[0].due == "due 20 Nov 2026"


def test_disabled_digest_kinds_send_nothing():
	result = by_user(build_digests(facts(enabled=(digest_content.OWNER,))))
	assert set(result) == {"owner@x"}


def test_schedule():
	monday_9 = dt.datetime(2026, 11, 23, 9, 0)
	assert is_due("Daily", "Monday", 8, monday_9, None)
	assert not is_due("Daily", "Monday", 10, monday_9, None)
	assert not is_due("Daily", "Monday", 8, monday_9, monday_9.date())  # twice on one day sends once
	assert is_due("Weekly", "Monday", 8, monday_9, dt.date(2026, 11, 16))
	assert not is_due("Weekly", "Tuesday", 8, monday_9, None)
	assert not is_due("Off", "Monday", 0, monday_9, None)


def test_a_unit_bound_person_hears_only_of_their_units():
	users = {
		**USERS,
		"coord@x": {**USERS["coord@x"], "units": {"Unit B"}},
		"exec@x": {**USERS["exec@x"], "units": {"Unit A"}},
		"owner@x": {**USERS["owner@x"], "units": {"Unit B"}},
	}
	indicators = [{**facts().indicators[0], "unit": "Unit A"}]
	result = by_user(build_digests(facts(users=users, indicators=indicators)))
	texts = {user: [item.text for s in d.sections for item in s.items] for user, d in result.items()}
	assert "owner@x" not in result  # everything the owner could hear of is unit A's
	assert texts["coord@x"] and all(t.startswith("Unit B") for t in texts["coord@x"])
	assert all("Unit B" not in t and "Unit C" not in t for t in texts["exec@x"])
	assert any("Unit A" in t for t in texts["exec@x"])


def test_certification_and_appeals_reach_whoever_they_wait_on():
	users = {
		**USERS,
		"collector@x": {
			"name": "Collector",
			"language": "en",
			"roles": {"KPI Data Collector"},
			"opt_out": False,
		},
	}
	due = dt.datetime(2026, 10, 21, 23, 59, 59)
	line = {"owner": "owner@x", "collector": "collector@x", "evidence": 1}
	result = by_user(
		build_digests(
			facts(
				users=users,
				indicators=[],
				agreements=[],
				scores=[],
				assessments=[
					{
						"name": "S1",
						"unit": "Unit A",
						"months": "9",
						"results_due": due,
						"unit_head": "head@x",
						"lines": [
							{**line, "indicator": "Returned line", "state": "Returned"},
							{**line, "indicator": "Entered line", "state": "Entered"},
							{**line, "indicator": "Certified line", "state": "Certified"},
						],
					},
					{
						"name": "S2",
						"unit": "Unit B",
						"months": "9",
						"endorsed": True,
						"unit_head": "head@x",
						"lines": [{**line, "indicator": "x", "state": "Certified"}],
					},
					{
						"name": "S3",
						"unit": "Unit C",
						"months": "9",
						"unit_head": "head@x",
						"lines": [{**line, "indicator": "y", "state": "Certified"}],
					},
				],
				appeals=[
					{
						"name": "AP1",
						"unit": "Unit C",
						"status": "Filed",
						"due": None,
						"unit_head": "head@x",
						"recent": False,
					},
					{
						"name": "AP2",
						"unit": "Unit D",
						"status": "Accepted",
						"due": None,
						"unit_head": "head@x",
						"recent": True,
					},
				],
			)
		)
	)
	collector = result["collector@x"].sections
	assert [s.title for s in collector] == ["Results to enter for the 9-month round"]
	assert [(i.text, i.due) for i in collector[0].items] == [("Returned line (Unit A)", "due 21 Oct 2026")]
	owner = result["owner@x"].sections
	assert [(s.title, [i.text for i in s.items]) for s in owner] == [
		("Results to certify (you own the indicator)", ["Entered line (Unit A)"])
	]
	committee = {s.title: [i.text for i in s.items] for s in result["idle@x"].sections}
	assert committee == {
		"Endorsed assessments to verify and score": ["Unit B: 9-month round"],
		"Appeals to decide": ["Unit C: AP1"],
	}
	head = [s.title for s in result["head@x"].sections]
	assert "ผลการประเมินที่รอท่านให้ความเห็นชอบ" in head  # S3: every line certified, not endorsed
	assert "ผลการพิจารณาคำขอทบทวนของหน่วยงานท่าน" in head
