from casework.models import CaseType
from casework.types.base import CaseKind


class OtherConcern(CaseKind):
    value = CaseType.OTHER.value
    label = CaseType.OTHER.label
    retention_years = 2


kind = OtherConcern()
