"""Figures: due, met on time, met late and missed by agency and month, and the
share of victims updated within their deadline; managers only."""

from datetime import datetime

import time_machine

from followups import obligations, services
from followups.figures import followup_figures

from .test_obligations import LONDON, add_victim, open_case

MONDAY = datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)
NOW = datetime(2026, 11, 12, 11, 0, tzinfo=LONDON)


def _history(cast):
    """Three victims on police cases in November: one updated on time, one late, one never."""
    with time_machine.travel(MONDAY, tick=False) as clock:
        on_time = add_victim(cast, open_case(cast), family_name="Early")
        late = add_victim(cast, open_case(cast), family_name="Late")
        add_victim(cast, open_case(cast), family_name="Never")
        services.plan_update(actor=cast.owner, plan=on_time, victim_support_opt_out=True)
        services.plan_update(actor=cast.owner, plan=late, victim_support_opt_out=True)
        services.contact_record(actor=cast.owner, plan=on_time, summary="Called.")
        clock.move_to(datetime(2026, 11, 12, 10, 0, tzinfo=LONDON))
        services.contact_record(actor=cast.owner, plan=late, summary="Called late.")
        clock.move_to(NOW)
        obligations.scan()
        return followup_figures(months=1)


def test_figures_count_on_time_late_and_missed_by_agency_and_month(cast):
    figures = _history(cast)
    (row,) = figures.rows
    assert (row.agency, row.month.month) == ("Police agency", 11)
    # Key-event updates (due 9 Nov): met early, met late on the 12th, never met.
    # Regular updates (due 16 Nov): two met early by those calls, one not yet due.
    # The third victim's referral (due 4 Nov) was missed.
    assert (row.met_on_time, row.met_late, row.missed) == (3, 1, 2)
    assert row.due == 6
    assert (row.victims_owed, row.victims_updated_on_time) == (3, 1)
    assert row.share_victims_on_time == 33.3
    assert figures.untracked_victims == 0


def test_the_figures_page_and_api_are_for_managers(client, cast):
    _history(cast)
    with time_machine.travel(NOW, tick=False):
        client.force_login(cast.police_manager)
        page = client.get("/followups/figures/")
        assert page.status_code == 200
        assert "Police agency" in page.content.decode()
        data = client.get("/api/v1/followups/figures/?months=1").json()
        assert data["rows"][0]["missed"] == 2
        assert data["untracked_victims"] == 0
        assert client.get("/api/v1/followups/figures/?months=0").status_code == 400
        client.force_login(cast.owner)
        assert client.get("/followups/figures/").status_code == 403
        assert client.get("/api/v1/followups/figures/").status_code == 403
