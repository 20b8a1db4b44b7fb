"""The registry of case types, read from ``settings.ICST_CASE_TYPES``."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.utils.choices import BaseChoiceIterator
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from .base import CaseKind


@cache
def _registry() -> dict[str, CaseKind]:
    kinds: dict[str, CaseKind] = {}
    for path in settings.ICST_CASE_TYPES:
        kind = import_string(path)
        if kind.value in kinds:
            raise ImproperlyConfigured(f"Case type {kind.value!r} is registered twice ({path}).")
        kinds[kind.value] = kind
    return kinds


def case_kinds() -> list[CaseKind]:
    """Every registered case type, in the order the setting lists them."""
    return list(_registry().values())


def kind_of(case_type: str) -> CaseKind:
    """The registered type stored as ``case_type``; LookupError for one not registered."""
    try:
        return _registry()[case_type]
    except KeyError:
        raise LookupError(f"No case type {case_type!r} is registered.") from None


def case_type_choices() -> list[tuple[str, str]]:
    """(value, label) for every registered type: the choices of ``Case.case_type``."""
    return [(kind.value, kind.label) for kind in case_kinds()]


class RegisteredCaseTypes(BaseChoiceIterator):
    """The registered types as choices, read each time they are iterated: for a field
    declared at import time that cannot take a callable (a filter the API schema reads)."""

    def __iter__(self):
        return iter(case_type_choices())


def _forget(*, setting: str, **kwargs) -> None:
    if setting == "ICST_CASE_TYPES":
        _registry.cache_clear()


setting_changed.connect(_forget)
