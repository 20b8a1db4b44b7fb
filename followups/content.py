"""What may go into a message to a victim or reporter.

The rule: a victim message carries nothing that the case holds above standard
sensitivity, and never names the person of concern. Concretely, a message is
refused when
- it repeats any run of ``SHARED_WORDS`` consecutive words (or the whole text,
  if shorter) of a timeline entry marked police intelligence, health or
  children's safeguarding, or of the case's health details; or
- it contains the family name of a subject (person of concern) on the case,
  unless that name is also the victim's own (matched as ``common.names`` says:
  whole words, any case, hyphens or spaces, any apostrophe).
Officers write every victim message from a template (see ``messages.py``), so
the words they add are few and checked here before anything is queued.
"""

import re

from django.core.exceptions import ValidationError

from casework.models import Case, ParticipantRole, Person, TimelineEntry
from common.names import STRAIGHT_APOSTROPHES, name_parts, name_pattern
from partners.models import Sensitivity

SHARED_WORDS = 5

_WORD = re.compile(r"[a-z0-9']+")


def _words(text: str) -> list[str]:
    """Lower-case words, apostrophes made straight: "suspect’s" is "suspect's"."""
    return _WORD.findall(text.translate(STRAIGHT_APOSTROPHES).lower())


def _runs(words: list[str], size: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def _repeats(restricted: str, message_words: list[str]) -> bool:
    words = _words(restricted)
    if not words:
        return False
    size = min(SHARED_WORDS, len(words))
    return bool(_runs(words, size) & _runs(message_words, size))


def _restricted_texts(case: Case) -> list[str]:
    entries = TimelineEntry.objects.filter(case=case).exclude(sensitivity=Sensitivity.STANDARD)
    texts = list(entries.values_list("body", flat=True))
    health = getattr(case, "mental_health", None)  # None when the case has no health section
    if health is not None:
        texts += [health.services_involved, health.decision_rationale]
    return texts


def _subject_names(case: Case, person: Person | None) -> set[tuple[str, ...]]:
    own = {name_parts(person.family_name)} if person else set()
    subjects = case.participants.filter(role=ParticipantRole.SUBJECT).select_related("person")
    names = {name_parts(p.person.family_name) for p in subjects}
    return {name for name in names if name} - own


def _names_a_subject(case: Case, person: Person | None, text: str) -> bool:
    return any(name_pattern(name).search(text) for name in _subject_names(case, person))


def check_victim_message(*, case: Case, person: Person | None, subject: str, body: str) -> None:
    """Raise ValidationError (on ``body``) if the message breaks the rule above."""
    text = f"{subject}\n{body}"
    message_words = _words(text)
    if not body.strip():
        raise ValidationError({"body": "Write the message."})
    for restricted in _restricted_texts(case):
        if _repeats(restricted, message_words):
            raise ValidationError(
                {
                    "body": "The message repeats restricted case information (police "
                    "intelligence, health or children's safeguarding). Take it out."
                }
            )
    if _names_a_subject(case, person, text):
        raise ValidationError(
            {"body": "The message names the person of concern. Victim messages must not."}
        )
