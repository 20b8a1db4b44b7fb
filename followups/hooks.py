"""What the follow-ups app lets the apps above it answer or react to.

Before triage a public report has no officer, so a reporter's request for contact
cannot go to one: the app that receives reports says whether a case still waits for
triage, and hears of the request so the report moves up its queue.
"""

from common.hooks import Hook

#: Each receiver answers whether ``case`` still waits for triage (any True: it waits).
triage_pending = Hook("triage_pending", arguments=("case",))

#: A reporter asked for contact at ``at`` while ``case`` waits for triage.
contact_requested_before_triage = Hook("contact_requested_before_triage", arguments=("case", "at"))
