"""Writes through the API: mass assignment refused, concurrency, append-only timeline."""

import threading

import pytest
from django.db import connection

from casework import services
from casework.models import Case, CaseEvent, TimelineEntry
from partners.models import Sensitivity

from .conftest import problem

CASES = "/api/v1/cases/"


@pytest.mark.parametrize(
    "forged",
    [{"lead_agency": 3}, {"version": 99}, {"created_by": 1}, {"reference": "ICST-1-1"},
     {"is_restricted": True}, {"status": "closed"}],
)  # fmt: skip
def test_fields_the_caller_may_not_set_are_refused_on_update(cast, case, as_user, forged):
    client = as_user(cast.owner)
    response = client.patch(
        f"{CASES}{case.reference}/", {"ward": "Harbour", **forged}, HTTP_IF_MATCH=case.etag
    )
    assert response.status_code == 400
    assert problem(response)["errors"][0]["field"] == next(iter(forged))
    case.refresh_from_db()
    assert (case.ward, case.version, case.lead_agency_id) == ("Castle", 1, cast.police.pk)


@pytest.mark.parametrize(
    "forged", [{"lead_agency": 3}, {"version": 7}, {"created_by": 1}, {"reference": "X-1"}]
)
def test_fields_the_caller_may_not_set_are_refused_on_create(cast, as_user, forged):
    body = {"case_type": "other", "summary": "Fly-tipping.", **forged}
    response = as_user(cast.owner).post(CASES, body)
    assert response.status_code == 400
    assert not Case.objects.exists()


def test_a_new_case_is_led_by_the_callers_agency_and_created_by_them(cast, as_user):
    response = as_user(cast.council_officer).post(
        CASES, {"case_type": "asb", "summary": "Graffiti.", "asb": {"category": "environmental"}}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["lead_agency"]["slug"] == "council"
    assert body["created_by"]["username"] == "council_officer"
    assert body["version"] == 1
    assert response["ETag"] == Case.objects.get().etag


def test_the_section_must_match_the_case_type(cast, as_user):
    family = {"needs": ["education", "housing", "crime"]}
    body = {"case_type": "asb", "summary": "Noise.", "troubled_family": family}
    errors = problem(as_user(cast.owner).post(CASES, body))["errors"]
    assert {e["field"] for e in errors} == {"troubled_family", "asb"}


def test_an_update_without_if_match_is_refused_with_428(cast, case, as_user):
    response = as_user(cast.owner).patch(f"{CASES}{case.reference}/", {"ward": "Harbour"})
    assert response.status_code == 428
    assert "If-Match" in problem(response)["detail"]


def test_a_stale_update_gets_412_saying_so_and_the_winners_change_stays(cast, case, as_user):
    url = f"{CASES}{case.reference}/"
    first, second = as_user(cast.owner), as_user(cast.colleague)
    etag = first.get(url)["ETag"]
    assert second.get(url)["ETag"] == etag
    won = first.patch(url, {"ward": "Harbour"}, HTTP_IF_MATCH=etag)
    lost = second.patch(url, {"ward": "Riverside"}, HTTP_IF_MATCH=etag)
    assert won.status_code == 200 and won["ETag"] != etag
    assert lost.status_code == 412
    body = problem(lost)
    assert body["code"] == "stale_version"
    assert body["current_version"] == 2 and body["current_etag"] == won["ETag"]
    assert "Nothing was saved" in body["detail"]
    case.refresh_from_db()
    assert case.ward == "Harbour"
    assert CaseEvent.objects.filter(case=case, kind=CaseEvent.Kind.UPDATED).count() == 1


def test_an_if_match_for_another_case_is_a_412(cast, case, as_user):
    url = f"{CASES}{case.reference}/"
    response = as_user(cast.owner).patch(url, {"ward": "X"}, HTTP_IF_MATCH='"999999-1"')
    assert response.status_code == 412


@pytest.mark.django_db(transaction=True)
def test_two_clients_updating_at_once_one_wins_and_the_other_is_told(cast, as_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks across connections (runs on PostgreSQL in CI)")
    from tests.conftest import open_shared_case

    case = open_shared_case(cast)
    url, etag = f"{CASES}{case.reference}/", case.etag
    clients = [as_user(cast.owner), as_user(cast.colleague)]
    barrier, statuses = threading.Barrier(2), []

    def update(client, ward):
        barrier.wait()
        statuses.append(client.patch(url, {"ward": ward}, HTTP_IF_MATCH=etag).status_code)
        connection.close()

    threads = [
        threading.Thread(target=update, args=(client, ward))
        for client, ward in zip(clients, ["Harbour", "Riverside"], strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 412]
    case.refresh_from_db()
    assert case.version == 2 and case.ward in {"Harbour", "Riverside"}


def test_a_transition_with_a_stale_if_match_is_refused(cast, case, as_user):
    url = f"{CASES}{case.reference}/transitions/"
    stale = case.etag
    services.case_update(actor=cast.owner, case=case, expected_version=1, ward="Harbour")
    response = as_user(cast.owner).post(url, {"status": "under_review"}, HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    case.refresh_from_db()
    assert case.status == "open"


def test_an_illegal_transition_says_why(cast, case, as_user):
    url = f"{CASES}{case.reference}/transitions/"
    response = as_user(cast.owner).post(url, {"status": "triaged"})
    assert response.status_code == 400
    assert "cannot move to triaged" in problem(response)["detail"]


def test_closing_needs_a_reason(cast, case, as_user):
    url = f"{CASES}{case.reference}/transitions/"
    response = as_user(cast.owner).post(url, {"status": "closed"})
    assert problem(response)["errors"][0]["field"] == "reason"


def test_an_amendment_is_a_new_entry_and_the_original_stays(cast, case, as_user):
    entry = services.entry_add(actor=cast.owner, case=case, body="Visited at 10pm.")
    url = f"{CASES}{case.reference}/entries/{entry.pk}/amend/"
    response = as_user(cast.colleague).post(url, {"body": "Visited at 11pm."})
    assert response.status_code == 201
    assert response.json()["amends"] == entry.pk
    entry.refresh_from_db()
    assert entry.body == "Visited at 10pm."
    assert TimelineEntry.objects.filter(case=case).count() == 2


def test_entries_the_caller_may_not_read_are_absent_and_cannot_be_amended(
    cast, case, notes, as_user
):
    client = as_user(cast.council_officer)
    listed = client.get(f"{CASES}{case.reference}/entries/").json()["results"]
    assert {row["sensitivity"] for row in listed} == {Sensitivity.STANDARD}
    intel = notes[Sensitivity.POLICE_INTELLIGENCE]
    assert client.get(f"{CASES}{case.reference}/entries/{intel.pk}/").status_code == 404
    amend = client.post(f"{CASES}{case.reference}/entries/{intel.pk}/amend/", {"body": "x"})
    assert amend.status_code == 404


def test_nobody_may_mark_an_entry_above_their_clearance(cast, case, as_user):
    response = as_user(cast.council_officer).post(
        f"{CASES}{case.reference}/entries/", {"body": "x", "sensitivity": "police_intelligence"}
    )
    assert response.status_code == 400
    assert problem(response)["errors"][0]["field"] == "sensitivity"


def test_a_restricted_case_opens_only_to_those_granted_it_by_name(cast, case, as_user):
    services.case_restrict(actor=cast.owner, case=case, restricted=True, reason="Witness safety")
    url = f"{CASES}{case.reference}/"
    assert as_user(cast.colleague).get(url).status_code == 404
    granted = as_user(cast.owner).post(
        url + "grants/", {"user": cast.colleague.pk, "reason": "Covering leave."}
    )
    assert granted.status_code == 201
    assert as_user(cast.colleague).get(url).status_code == 200
    revoked = as_user(cast.owner).delete(url + f"grants/{cast.colleague.pk}/")
    assert revoked.status_code == 204
    assert as_user(cast.colleague).get(url).status_code == 404


def test_a_person_id_out_of_reach_is_a_field_error_not_a_leak(cast, case, as_user):
    other = services.case_open(actor=cast.fire_officer, case_type="other", summary="Fire.")
    hidden, _ = services.person_find_or_create(
        actor=cast.fire_officer, given_name="Zed", family_name="Hidden"
    )
    services.participant_add(actor=cast.fire_officer, case=other, person=hidden, role="subject")
    response = as_user(cast.owner).post(
        f"{CASES}{case.reference}/people/", {"role": "witness", "person": hidden.pk}
    )
    assert response.status_code == 400
    assert problem(response)["errors"][0]["field"] == "person"
