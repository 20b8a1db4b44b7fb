"""Case types. Each is a small package declaring one :class:`CaseKind`; the setting
``ICST_CASE_TYPES`` lists them once, and whatever differs by type (the detail record,
its form questions, API section, who may read it, history label, retention, templates)
is asked of the registry rather than switched on the type.

This package's top level imports no casework module, so ``casework.models`` can name
the registry's choices while it loads.
"""

from .base import CaseKind
from .registry import RegisteredCaseTypes, case_kinds, case_type_choices, kind_of

__all__ = ["CaseKind", "RegisteredCaseTypes", "case_kinds", "case_type_choices", "kind_of"]
