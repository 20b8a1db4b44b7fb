"""What a case type declares. Subclass :class:`CaseKind`, set the attributes and
override only the hooks the type needs; ``registry`` lists the instances."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django import forms
    from django.db import models
    from rest_framework import serializers

    from casework.models import Case


class CaseKind:
    #: Stored in ``Case.case_type``; never change it once cases exist.
    value: ClassVar[str]
    label: ClassVar[str]
    #: The one-to-one record of the type's own details (``case=OneToOneField(Case,
    #: related_name=<section>)``), or None for a type with none.
    detail_model: ClassVar[type[models.Model] | None] = None
    #: The details' name: the related name on Case, the API section and the page section.
    section: ClassVar[str | None] = None
    #: The sensitivity a reader must be cleared for to read the details (None: everyone
    #: who may see the case).
    clearance: ClassVar[str | None] = None
    #: How the case history names changes to the details.
    history_label: ClassVar[str] = ""
    #: Years a closed case of this type is kept before review, unless RETENTION_YEARS
    #: says otherwise (None: RETENTION_DEFAULT_YEARS).
    retention_years: ClassVar[int | None] = None
    #: Further relations the case page loads with the details, e.g. "section__agency".
    related: ClassVar[tuple[str, ...]] = ()
    #: The details on the case page, and the questions on the "log a case" form.
    detail_template: ClassVar[str | None] = None
    form_template: ClassVar[str | None] = None
    #: Read and input serializers of the details for the API.
    serializer: ClassVar[type[serializers.Serializer] | None] = None
    input_serializer: ClassVar[type[serializers.Serializer] | None] = None

    def __repr__(self) -> str:
        return f"<case type {self.value}>"

    # --- Who may read the details -------------------------------------------------------

    def readable_sections(self, user, case: Case, cleared: set[str]) -> set[str]:
        """The names of this type's sections ``user`` may read, given the sensitivities
        ``cleared`` for them. A type may have more than one (a part read more widely)."""
        if self.section and (self.clearance is None or self.clearance in cleared):
            return {self.section}
        return set()

    def readable_fields(self, readable: set[str]) -> tuple[str, ...]:
        """The detail fields shown to a reader of the sections ``readable``."""
        if self.detail_model is None or self.section not in readable:
            return ()
        return self.detail_fields()

    def detail_fields(self) -> tuple[str, ...]:
        assert self.detail_model is not None
        return tuple(
            field.name for field in self.detail_model._meta.concrete_fields if field.name != "case"
        )

    def relations(self) -> tuple[str, ...]:
        """``select_related`` paths that load the details with the case."""
        return (self.section, *self.related) if self.section else ()

    # --- Recording the details ----------------------------------------------------------

    def create_detail(self, *, case: Case, actor, detail: dict[str, Any]) -> None:
        """Record the type's details for a new case (inside the case's transaction)."""
        if self.detail_model is None:
            if detail:
                raise ValidationError({"detail": "This case type has no type-specific details."})
            return
        save_validated(self.detail_model(case=case, **detail), actor)

    # --- The web form -------------------------------------------------------------------

    def form_fields(self, *, staff) -> dict[str, forms.Field]:
        """The type's questions, each named with a prefix of its own; all optional here,
        ``clean_form`` says which this type needs."""
        return {}

    def clean_form(self, form: forms.Form, data: dict[str, Any]) -> None:
        """Add errors to ``form`` for the type's questions left unanswered or wrong."""

    def detail_from_form(self, data: dict[str, Any]) -> dict[str, Any]:
        """The ``detail`` for ``case_open`` from the form's cleaned answers."""
        return {}

    def form_context(self, form: forms.Form) -> dict[str, Any]:
        """Anything besides ``form`` that the type's form template needs."""
        return {}

    # --- The case page ------------------------------------------------------------------

    def page_context(self, user, case: Case) -> dict[str, Any]:
        """Anything the type's detail template needs besides the case."""
        return {}


def save_validated(obj: models.Model, actor, **kwargs) -> None:
    """Validate and save, recording ``actor`` on the history row."""
    obj.full_clean()
    obj._history_user = actor
    obj.save(**kwargs)
