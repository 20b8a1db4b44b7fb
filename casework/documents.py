"""The subject access disclosure as a printed document."""

from briefings.documents import OfficialDocument


class SubjectAccessPdf(OfficialDocument):
    """What ``casework.subject_access.subject_access_export`` allows to be disclosed."""

    title = "Subject access disclosure"

    def __init__(self, *, export: dict, recipient):
        super().__init__(recipient=recipient)
        self.export = export

    def subtitle(self) -> str:
        person = self.export["person"]
        name = " ".join(filter(None, [person.get("given_name"), person.get("family_name")]))
        cases = len(self.export["cases"])
        return f"{name}: {cases} case{'s' if cases != 1 else ''} held"

    def story(self):
        blocks = [
            *self.title_block(),
            self.text(
                "Third parties are shown as [third party]. Entries withheld under an "
                "exemption are listed for the reviewer and must not be disclosed without review.",
                "note",
            ),
            self.heading("Personal details"),
            self.table(
                [("Detail", 1), ("Held", 3)],
                [(self._label(key), value or "") for key, value in self.export["person"].items()],
                share=0.6,
            ),
            *self._flags(self.export.get("vulnerability_flags") or []),
        ]
        for case in self.export["cases"]:
            blocks += self._case(case)
        return blocks

    def _flags(self, flags: list[dict]) -> list:
        if not flags:
            return []
        rows = [
            (
                flag["vulnerability"],
                flag["noted_on"],
                f"Ended {flag['ended_on']}: {flag['end_reason']}"
                if flag["ended_on"]
                else f"Review by {flag['review_by']}",
                flag["justification"],
            )
            for flag in flags
        ]
        return [
            self.heading("Vulnerabilities recorded", level=2),
            self.table(
                [("Vulnerability", 1.5), ("Identified", 1), ("State", 1.5), ("Why", 3)], rows
            ),
        ]

    def _case(self, case: dict) -> list:
        facts = (
            f"{case['type']}, led by {case['lead_agency']}. Part: {case['role']}. "
            f"Status: {case['status']}. Reported {case['reported_at'][:10]}."
        )
        rows = [
            (entry["at"][:16].replace("T", " "), entry.get("kind", "Withheld"), self._said(entry))
            for entry in case["entries"]
        ]
        return [
            self.heading(f"Case {case['reference']}"),
            self.text(facts),
            self.text(case["summary"]),
            self.table([("When", 1.2), ("Kind", 1), ("Entry", 6)], rows),
            *self._contact_plan(case.get("contact_plan")),
            *self._messages(case.get("messages") or []),
            *self._status_links(case.get("status_links") or []),
            *self._contact_requests(case.get("contact_requests") or []),
        ]

    def _contact_plan(self, plan: dict | None) -> list:
        if not plan:
            return []
        rows = [(self._label(key), value) for key, value in plan.items()]
        return [
            self.heading("Contact plan", level=2),
            self.table([("Detail", 1), ("Held", 3)], rows, share=0.6),
        ]

    def _messages(self, messages: list[dict]) -> list:
        if not messages:
            return []
        rows = [
            (
                (message["sent_at"] or message["queued_at"])[:16].replace("T", " "),
                f"{message['channel']} to {message['to']}" if message["to"] else message["channel"],
                message["status"],
                f"{message['subject']}\n{message['body']}",
            )
            for message in messages
        ]
        columns = [("When", 1.2), ("Sent by", 1.6), ("Status", 1), ("Message", 5)]
        return [self.heading("Messages sent", level=2), self.table(columns, rows)]

    def _status_links(self, links: list[dict]) -> list:
        if not links:
            return []
        rows = [
            (_when(link["issued_at"]), _when(link["expires_at"]), _when(link["revoked_at"]))
            for link in links
        ]
        columns = [("Issued", 1), ("Expires", 1), ("Revoked", 1)]
        return [self.heading("Status page links", level=2), self.table(columns, rows, share=0.6)]

    def _contact_requests(self, requests: list[dict]) -> list:
        if not requests:
            return []
        rows = [(_when(asked["at"]), asked["message"] or "(no message)") for asked in requests]
        return [
            self.heading("Requests for contact", level=2),
            self.table([("When", 1.2), ("Message", 6)], rows),
        ]

    @staticmethod
    def _said(entry: dict) -> str:
        return entry.get("text") or entry.get("withheld", "")

    @staticmethod
    def _label(key: str) -> str:
        return key.replace("_", " ").capitalize()


def _when(moment: str | None) -> str:
    return moment[:16].replace("T", " ") if moment else ""
