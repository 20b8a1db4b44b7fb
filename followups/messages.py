"""Message templates for updates to victims: one per key event, plus the regular
update. The officer picks one, edits the text, and sends; every victim message
starts from one of these. Placeholders: {name}, {reference}, {officer}."""

from dataclasses import dataclass


@dataclass(frozen=True)
class MessageTemplate:
    label: str
    subject: str
    body: str


_SIGN_OFF = "\n\nIf you need to speak to me, reply or call 101 and quote {reference}.\n{officer}"

TEMPLATES: dict[str, MessageTemplate] = {
    "victim_recorded": MessageTemplate(
        "Confirming the report",
        "Your report {reference}",
        "Dear {name},\n\nThank you for your report. Your case reference is {reference} and I "
        "am your contact. We will update you at least as often as we agreed." + _SIGN_OFF,
    ),
    "case_opened": MessageTemplate(
        "Case opened",
        "Your case {reference} is open",
        "Dear {name},\n\nWe have opened a case for your report. [What happens next.]" + _SIGN_OFF,
    ),
    "suspect_arrested": MessageTemplate(
        "Suspect arrested",
        "An update on {reference}",
        "Dear {name},\n\nI want to let you know that a person has been arrested in "
        "connection with your case. [When you will hear more.]" + _SIGN_OFF,
    ),
    "suspect_charged": MessageTemplate(
        "Suspect charged",
        "An update on {reference}",
        "Dear {name},\n\nA person has been charged in connection with your case. "
        "[What happens next, and court dates when known.]" + _SIGN_OFF,
    ),
    "suspect_released": MessageTemplate(
        "Suspect released",
        "An update on {reference}",
        "Dear {name},\n\nThe person arrested in connection with your case has been "
        "released. [On bail with conditions / with no further action.] "
        "[What this means for you.]" + _SIGN_OFF,
    ),
    "not_proceeding": MessageTemplate(
        "Decision not to proceed",
        "A decision on {reference}",
        "Dear {name},\n\nWe have decided not to take your case further. [The reason, and "
        "how to ask for the decision to be reviewed.]" + _SIGN_OFF,
    ),
    "case_closed": MessageTemplate(
        "Case closed",
        "Your case {reference} is closed",
        "Dear {name},\n\nYour case is now closed. [Why.] If anything happens again, "
        "please report it." + _SIGN_OFF,
    ),
    "regular": MessageTemplate(
        "Regular update",
        "An update on {reference}",
        "Dear {name},\n\nThis is your regular update. [What has been done since we last "
        "spoke.]" + _SIGN_OFF,
    ),
}


def template_choices() -> list[tuple[str, str]]:
    return [(key, template.label) for key, template in TEMPLATES.items()]


def filled(key: str, *, name: str, reference: str, officer: str) -> tuple[str, str]:
    """The template's subject and body with the placeholders filled in."""
    template = TEMPLATES[key]
    values = {"name": name, "reference": reference, "officer": officer}
    return template.subject.format(**values), template.body.format(**values)
