"""Give every victim on a case that is not closed a contact plan (and its
obligations) if they have none: for records loaded before follow-up existed,
or bulk-loaded without the services."""

from django.core.management.base import BaseCommand

from casework.models import CaseParticipant, CaseStatus, ParticipantRole
from followups.models import ContactPlan
from followups.obligations import plan_ensure


class Command(BaseCommand):
    help = "Create contact plans for victims on open cases that have none."

    def handle(self, *args, **options) -> None:
        planned = ContactPlan.objects.values_list("case_id", "person_id")
        have = set(planned)
        victims = (
            CaseParticipant.objects.filter(role=ParticipantRole.VICTIM)
            .exclude(case__status=CaseStatus.CLOSED)
            .select_related("case", "person")
        )
        made = 0
        for part in victims.iterator():
            if (part.case_id, part.person_id) not in have:
                plan_ensure(case=part.case, person=part.person)
                have.add((part.case_id, part.person_id))
                made += 1
        self.stdout.write(f"Contact plans created: {made}")
