"""What the casebook lets its features react to.

The casework core never imports a feature app. Where a feature must act on a change in a
case (book a victim's contact plan, alert managers of a break-glass request), the service
calls one of these hooks inside its transaction, and the feature connects its receiver in
its ``AppConfig.ready()``::

    from casework import hooks
    hooks.participant_added.connect(obligations.on_participant_added)
"""

from common.hooks import Hook

#: A person joined a case (by an officer, or at receipt of a public report).
participant_added = Hook("participant_added", arguments=("participant", "actor"))

#: A person was taken off a case.
participant_removed = Hook("participant_removed", arguments=("participant",))

#: A case moved from one status to another.
case_transitioned = Hook(
    "case_transitioned", arguments=("case", "from_status", "to_status", "actor")
)

#: A vulnerability flag was recorded on a person.
vulnerability_recorded = Hook("vulnerability_recorded", arguments=("person", "actor"))

#: Someone asked for (or used) break-glass access to a case.
break_glass_requested = Hook("break_glass_requested", arguments=("request",))

#: A subject access export is being written: each receiver returns a dict of what its app
#: holds about ``person`` on ``case``, merged into that case's section of the disclosure.
subject_access_case_parts = Hook(
    "subject_access_case_parts", arguments=("case", "person", "redact")
)

#: The case page is being shown to ``user``: each receiver returns a dict of what its app
#: adds to the page's context (the follow-ups app: the victims' contact plans).
case_page_context = Hook("case_page_context", arguments=("user", "case"))
