"""Thin serializers: separate input (strict: unknown fields are refused, by
``common.api.serializers.StrictInputSerializer``) and output."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from casework.models import (
    Action,
    Case,
    CaseParticipant,
    CaseReferral,
    CaseShare,
    CaseStatus,
    ContactPreference,
    EntryKind,
    LawfulBasis,
    ParticipantRole,
    Person,
    RiskLevel,
    TimelineEntry,
)
from casework.types import case_kinds, case_type_choices, kind_of
from common.api.serializers import AgencyRefSerializer, StrictInputSerializer
from partners.models import Agency, InformationSharingAgreement, Sensitivity

User = get_user_model()

INITIAL_STATUSES = [(CaseStatus.NEW.value, "New"), (CaseStatus.OPEN.value, "Open")]


# --- Small reference shapes ---------------------------------------------------------------


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.username


class AgencySerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="kind.code")

    class Meta:
        model = Agency
        fields = ["id", "slug", "name", "kind", "email", "is_active"]


# --- Cases -------------------------------------------------------------------------------


class CaseListSerializer(serializers.ModelSerializer):
    lead_agency = AgencyRefSerializer()
    lead_officer = UserRefSerializer(allow_null=True)
    etag = serializers.CharField()

    class Meta:
        model = Case
        fields = [
            "reference",
            "case_type",
            "status",
            "risk_level",
            "summary",
            "ward",
            "lead_agency",
            "lead_officer",
            "reported_at",
            "next_review_on",
            "is_restricted",
            "version",
            "etag",
        ]


class CasePowersSerializer(serializers.Serializer):
    change = serializers.BooleanField()
    contribute = serializers.BooleanField()
    reassign = serializers.BooleanField()
    grant_access = serializers.BooleanField()


class CaseDetailSerializer(CaseListSerializer):
    """A case with its type-specific section. A section the caller may not read is
    absent from the response (not blank): context["sections"] names those allowed."""

    created_by = UserRefSerializer(allow_null=True)
    powers = serializers.SerializerMethodField()

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "address",
            "created_by",
            "opened_at",
            "closed_at",
            "closure_reason",
            "created_at",
            "updated_at",
            "powers",
        ]

    def get_powers(self, case) -> CasePowersSerializer:
        return self.context["powers"]

    def get_fields(self):
        fields = super().get_fields()
        powers = fields.pop("powers")
        for kind in case_kinds():
            if kind.serializer is not None:
                fields[kind.section] = kind.serializer(required=False)
        fields["powers"] = powers
        return fields

    def to_representation(self, case):
        kind = kind_of(case.case_type)
        shown = kind.readable_fields(self.context["sections"])
        for other in case_kinds():
            if other.section and (other is not kind or not shown):
                self.fields.pop(other.section, None)
        data = super().to_representation(case)
        if kind.section in data:
            data[kind.section] = {k: v for k, v in data[kind.section].items() if k in shown}
        return data


# --- Case input --------------------------------------------------------------------------


class CaseCreateInput(StrictInputSerializer):
    """A new case, led by the caller's agency. Give the section matching case_type."""

    case_type = serializers.ChoiceField(choices=())
    summary = serializers.CharField(max_length=10000)
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices, default=RiskLevel.STANDARD)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    ward = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    lead_officer = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    reported_at = serializers.DateTimeField(required=False)
    next_review_on = serializers.DateField(required=False, allow_null=True)
    status = serializers.ChoiceField(choices=INITIAL_STATUSES, default=CaseStatus.NEW)

    def get_fields(self):
        fields = super().get_fields()
        fields["case_type"].choices = case_type_choices()
        for kind in _sectioned_kinds():
            fields[kind.section] = kind.input_serializer(required=False)
        return fields

    def validate(self, data):
        kind = kind_of(data["case_type"])
        section = kind.section if kind.input_serializer else None
        given = [other.section for other in _sectioned_kinds() if other.section in data]
        errors = {
            name: [f"Only the '{section}' section goes with this case type."]
            if section
            else ["This case type has no type-specific section."]
            for name in given
            if name != section
        }
        if section and section not in data:
            errors[section] = ["Give this case type's details."]
        if errors:
            raise serializers.ValidationError(errors)
        data["detail"] = dict(data.pop(section)) if section else {}
        return data


def _sectioned_kinds():
    return [kind for kind in case_kinds() if kind.input_serializer is not None]


class CaseUpdateInput(StrictInputSerializer):
    """The case's own fields; send only those that change, with If-Match."""

    summary = serializers.CharField(max_length=10000, required=False)
    risk_level = serializers.ChoiceField(choices=RiskLevel.choices, required=False)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    ward = serializers.CharField(max_length=100, required=False, allow_blank=True)
    next_review_on = serializers.DateField(required=False, allow_null=True)
    reported_at = serializers.DateTimeField(required=False)


# --- Shares and named access -----------------------------------------------------------------


class ShareSerializer(serializers.ModelSerializer):
    agency = AgencyRefSerializer()
    agreement = serializers.SlugRelatedField(
        slug_field="reference", read_only=True, allow_null=True
    )
    shared_by = UserRefSerializer()
    revoked_by = UserRefSerializer(allow_null=True)
    is_active = serializers.BooleanField()
    grants_access = serializers.BooleanField(
        help_text="False once the agreement it was made under has ended (renew it)."
    )

    class Meta:
        model = CaseShare
        fields = [
            "id",
            "agency",
            "reason",
            "lawful_basis",
            "agreement",
            "statutory_basis",
            "shared_by",
            "shared_at",
            "is_active",
            "lapses_on",
            "grants_access",
            "revoked_by",
            "revoked_at",
            "revoke_reason",
        ]


class ShareRenewInput(StrictInputSerializer):
    agreement = serializers.SlugRelatedField(
        slug_field="reference",
        queryset=InformationSharingAgreement.objects.all(),
        help_text="The reference of the agreement the share continues under.",
    )
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ShareInput(StrictInputSerializer):
    agency = serializers.SlugRelatedField(
        slug_field="slug", queryset=Agency.objects.filter(is_active=True)
    )
    reason = serializers.CharField(max_length=5000)
    lawful_basis = serializers.ChoiceField(choices=LawfulBasis.choices)
    agreement = serializers.SlugRelatedField(
        slug_field="reference",
        queryset=InformationSharingAgreement.objects.all(),
        required=False,
        allow_null=True,
        help_text="The agreement's reference, when the lawful basis is an agreement.",
    )
    statutory_basis = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


class ReferralSerializer(serializers.ModelSerializer):
    from_agency = AgencyRefSerializer()
    to_agency = AgencyRefSerializer()
    agreement = serializers.SlugRelatedField(
        slug_field="reference", read_only=True, allow_null=True
    )
    proposed_by = UserRefSerializer()
    answered_by = UserRefSerializer(allow_null=True)
    lead_officer = UserRefSerializer(allow_null=True)
    is_overdue = serializers.BooleanField(
        help_text="Still waiting for an answer after its working hours ran out."
    )

    class Meta:
        model = CaseReferral
        fields = [
            "id",
            "status",
            "from_agency",
            "to_agency",
            "reason",
            "lawful_basis",
            "agreement",
            "statutory_basis",
            "proposed_by",
            "proposed_at",
            "answer_due_at",
            "is_overdue",
            "answered_by",
            "answered_at",
            "decline_reason",
            "lead_officer",
        ]


class ReferralInput(ShareInput):
    """The agency asked to lead the case, and the lawful basis for sharing it meanwhile."""


class ReferralAcceptInput(StrictInputSerializer):
    lead_officer = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        help_text="The receiving agency's officer who leads the case; the caller by default.",
    )


class ReasonInput(StrictInputSerializer):
    reason = serializers.CharField(max_length=5000)


class OptionalReasonInput(StrictInputSerializer):
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class GrantSerializer(UserRefSerializer):
    agency = serializers.SerializerMethodField()

    def get_agency(self, user) -> str | None:
        membership = getattr(user, "membership", None)
        return membership.agency.slug if membership else None


class GrantInput(StrictInputSerializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    reason = serializers.CharField(max_length=5000)


# --- People ------------------------------------------------------------------------------------


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = [
            "id",
            "given_name",
            "family_name",
            "date_of_birth",
            "address",
            "postcode",
            "phone",
            "email",
            "contact_preference",
            "vulnerabilities",
        ]


class ParticipantSerializer(serializers.ModelSerializer):
    person = PersonSerializer()
    added_by = UserRefSerializer(allow_null=True)

    class Meta:
        model = CaseParticipant
        fields = ["id", "person", "role", "added_by", "added_at"]


class PersonInCaseSerializer(serializers.Serializer):
    person = PersonSerializer()
    roles = serializers.ListField(child=serializers.ChoiceField(choices=ParticipantRole.choices))


class PersonPartSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference")

    class Meta:
        model = CaseParticipant
        fields = ["case", "role", "added_at"]


class PersonDetailSerializer(PersonSerializer):
    parts = PersonPartSerializer(many=True, source="visible_parts")

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "parts"]


class NewPersonInput(StrictInputSerializer):
    given_name = serializers.CharField(max_length=100)
    family_name = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    contact_preference = serializers.ChoiceField(choices=ContactPreference.choices, required=False)


class ParticipantInput(StrictInputSerializer):
    """Either ``person`` (the id of someone already in a case you can see) or
    ``new_person`` (found on the index by name and date of birth, or added)."""

    role = serializers.ChoiceField(choices=ParticipantRole.choices)
    person = serializers.IntegerField(min_value=1, max_value=2**53, required=False)
    new_person = NewPersonInput(required=False)

    def validate(self, data):
        if ("person" in data) == ("new_person" in data):
            raise serializers.ValidationError("Give exactly one of 'person' and 'new_person'.")
        return data


class RemovePersonInput(StrictInputSerializer):
    role = serializers.ChoiceField(choices=ParticipantRole.choices)
    reason = serializers.CharField(max_length=5000)


# --- Timeline and actions ----------------------------------------------------------------------


class EntrySerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference")
    author = UserRefSerializer()
    author_agency = AgencyRefSerializer()
    amends = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = TimelineEntry
        fields = [
            "id",
            "case",
            "kind",
            "body",
            "sensitivity",
            "author",
            "author_agency",
            "created_at",
            "amends",
        ]


class EntryInput(StrictInputSerializer):
    body = serializers.CharField(max_length=20000)
    kind = serializers.ChoiceField(choices=EntryKind.choices, default=EntryKind.NOTE)
    sensitivity = serializers.ChoiceField(choices=Sensitivity.choices, default=Sensitivity.STANDARD)


class AmendInput(StrictInputSerializer):
    body = serializers.CharField(max_length=20000)


class ActionSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.reference")
    assigned_agency = AgencyRefSerializer()
    assigned_to = UserRefSerializer(allow_null=True)
    created_by = UserRefSerializer()
    completed_by = UserRefSerializer(allow_null=True)
    is_done = serializers.BooleanField()

    class Meta:
        model = Action
        fields = [
            "id",
            "case",
            "description",
            "assigned_agency",
            "assigned_to",
            "due_on",
            "created_by",
            "created_at",
            "is_done",
            "completed_at",
            "completed_by",
            "outcome",
        ]


class ActionInput(StrictInputSerializer):
    description = serializers.CharField(max_length=500)
    assigned_agency = serializers.SlugRelatedField(
        slug_field="slug", queryset=Agency.objects.filter(is_active=True)
    )
    assigned_to = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    due_on = serializers.DateField()


class CompleteInput(StrictInputSerializer):
    outcome = serializers.CharField(max_length=5000)
