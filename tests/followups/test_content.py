"""A victim message never names the person of concern: whole names, however they are
written (hyphen or space, straight or curly apostrophe, any case), and only whole words."""

import pytest
from django.core.exceptions import ValidationError

from casework import services as casework_services
from followups.content import check_victim_message


@pytest.fixture
def subject_named(cast, case):
    def add(family_name: str):
        person, _ = casework_services.person_find_or_create(
            actor=cast.owner, given_name="Kyle", family_name=family_name
        )
        casework_services.participant_add(
            actor=cast.owner, case=case, person=person, role="subject"
        )
        return person

    return add


def check(case, victim, body: str) -> None:
    check_victim_message(case=case, person=victim, subject="An update", body=body)


@pytest.mark.parametrize(
    ("family_name", "body"),
    [
        ("Barker", "We have spoken to Mr Barker."),
        ("Smith-Jones", "We have spoken to Mr Smith-Jones."),
        ("Smith-Jones", "We have spoken to Mr Smith Jones."),
        ("Smith Jones", "We have spoken to Mr Smith-Jones."),
        ("Smith Jones", "We have spoken to Mr smith jones."),
        ("Smith-Jones", "We have spoken to Mr Smith\u2013Jones."),
        ("de la Cruz", "We have spoken to Mr De La Cruz."),
        ("de la Cruz", "We have spoken to Mr de la\nCruz."),
        ("O'Brien", "We have spoken to Mr O'Brien."),
        ("O'Brien", "We have spoken to Mr O\u2019Brien."),
        ("O\u2019Brien", "We have spoken to Mr O'Brien."),
        ("O'Brien", "We have spoken to Mr OBRIEN's neighbour."),
        ("Smith", "Mr Smith's car was seen."),
    ],
)
def test_a_message_naming_the_person_of_concern_is_refused(
    cast, case, victim, subject_named, family_name, body
):
    subject_named(family_name)
    with pytest.raises(ValidationError, match="person of concern"):
        check(case, victim, body)


@pytest.mark.parametrize(
    ("family_name", "body"),
    [
        ("Smith", "Officers patrolled Smithfield Road."),
        ("Smith", "The blacksmith's shop was closed."),
        ("Smith-Jones", "We have spoken to the Smiths."),
        ("de la Cruz", "We will be in touch later this week."),
        ("O'Brien", "We have spoken to Mr Brienne."),
    ],
)
def test_words_that_only_contain_the_name_are_allowed(
    cast, case, victim, subject_named, family_name, body
):
    subject_named(family_name)
    check(case, victim, body)


def test_the_victims_own_name_may_be_used_when_a_subject_shares_it(
    cast, case, victim, subject_named
):
    subject_named("jones")
    check(case, victim, "Dear Amy Jones, officers visited today.")


def test_a_subject_whose_name_contains_the_victims_is_still_caught(
    cast, case, victim, subject_named
):
    subject_named("Smith-Jones")
    check(case, victim, "Dear Amy Jones, officers visited today.")
    with pytest.raises(ValidationError, match="person of concern"):
        check(case, victim, "Dear Amy Jones, we spoke to Smith Jones.")


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u2018"])
def test_restricted_words_are_caught_whatever_the_apostrophe(cast, case, apostrophe):
    casework_services.entry_add(
        actor=cast.owner,
        case=case,
        kind="note",
        body="The suspect's brother was seen at the flat on Friday.",
        sensitivity="police_intelligence",
    )
    with pytest.raises(ValidationError, match="restricted"):
        check(case, None, f"We know the suspect{apostrophe}s brother was seen at the flat.")
