"""The ASB victim risk questionnaire: questions, weights and thresholds in one table.

Modelled on the scored questionnaires forces use (yes/no questions, weighted);
the score maps to standard / medium / high. Change the table, not the code.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .models import RiskLevel


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    weight: int


QUESTIONS: tuple[Question, ...] = (
    Question("targeted", "Does the victim feel they are being targeted personally?", 3),
    Question("repeat", "Has this happened before (repeat incidents)?", 2),
    Question("hate", "Could the behaviour be motivated by hate or prejudice?", 3),
    Question("fear", "Is the victim frightened to go out or stay at home?", 2),
    Question("health", "Is the victim's physical or mental health affected?", 2),
    Question("vulnerable", "Does the victim have a disability or other vulnerability?", 3),
    Question("isolated", "Is the victim isolated, with little support from family or friends?", 1),
    Question("children", "Are children in the household affected?", 1),
    Question("violence", "Has violence been used or threatened?", 3),
    Question("property", "Has the victim's property been damaged?", 1),
    Question("sleep", "Is the victim's sleep or daily routine disrupted?", 1),
    Question("moving", "Has the victim considered moving home because of this?", 2),
)

# Lowest score at which each level applies, highest first.
THRESHOLDS: tuple[tuple[int, str], ...] = ((12, RiskLevel.HIGH), (6, RiskLevel.MEDIUM))


def score_answers(answers: dict[str, bool]) -> tuple[int, str]:
    """Score a completed questionnaire; every question must be answered yes or no."""

    missing = [q.key for q in QUESTIONS if not isinstance(answers.get(q.key), bool)]
    if missing:
        raise ValidationError({"answers": f"Answer every question; missing: {', '.join(missing)}."})
    unknown = set(answers) - {q.key for q in QUESTIONS}
    if unknown:
        raise ValidationError({"answers": f"Unknown questions: {', '.join(sorted(unknown))}."})
    score = sum(q.weight for q in QUESTIONS if answers[q.key])
    for lowest, level in THRESHOLDS:
        if score >= lowest:
            return score, level
    return score, RiskLevel.STANDARD
