"""A case's parts: shares, named access, people, timeline entries and actions.

Each viewset fetches the case through the access policy first (404 when out of
reach), then calls one service, which refuses (403) what the caller's role may not do.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from audit.services import log_read
from casework import access, selectors, services
from casework.models import (
    Action,
    Case,
    CaseParticipant,
    CaseReferral,
    CaseShare,
    CaseUserObjectPermission,
    TimelineEntry,
)

from .. import selectors as api_selectors
from ..pagination import BoundedActionPagination
from ..serializers import (
    ActionInput,
    ActionSerializer,
    AmendInput,
    CompleteInput,
    EntryInput,
    EntrySerializer,
    GrantInput,
    GrantSerializer,
    OptionalReasonInput,
    ParticipantInput,
    ParticipantSerializer,
    PersonInCaseSerializer,
    ReasonInput,
    ReferralAcceptInput,
    ReferralInput,
    ReferralSerializer,
    RemovePersonInput,
    ShareInput,
    ShareRenewInput,
    ShareSerializer,
)
from .base import valid_input

CASE_REFERENCE = OpenApiParameter("reference", str, OpenApiParameter.PATH)


class CasePartViewSet(viewsets.GenericViewSet):
    """Base: the case named in the URL, fetched once through ``casework.access``."""

    lookup_value_converter = "int"

    def get_case(self) -> Case:
        if not hasattr(self, "_case"):
            self._case = access.case_for_viewing(self.request.user, self.kwargs["reference"])
        return self._case

    def page_of(self, items, serializer_class) -> Response:
        page = self.paginate_queryset(items)
        return self.get_paginated_response(serializer_class(page, many=True).data)


# --- Shares -------------------------------------------------------------------------------


@extend_schema(parameters=[CASE_REFERENCE], tags=["case shares"])
class ShareViewSet(CasePartViewSet):
    queryset = CaseShare.objects.none()  # for the schema; reads go through selectors
    serializer_class = ShareSerializer

    @extend_schema(summary="List the case's shares (active and revoked)")
    def list(self, request, reference: str):
        return self.page_of(api_selectors.case_shares(self.get_case()), ShareSerializer)

    @extend_schema(request=ShareInput, responses={201: ShareSerializer}, summary="Share the case")
    def create(self, request, reference: str):
        case = self.get_case()
        data = valid_input(ShareInput, request)
        share = services.case_share(actor=request.user, case=case, **data)
        return Response(ShareSerializer(share).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Read one share")
    def retrieve(self, request, reference: str, pk: int):
        return Response(ShareSerializer(self._share(pk)).data)

    @extend_schema(request=ReasonInput, responses=ShareSerializer, summary="Revoke a share")
    @action(detail=True, methods=["post"])
    def revoke(self, request, reference: str, pk: int):
        share = self._share(pk)
        data = valid_input(ReasonInput, request)
        share = services.case_share_revoke(actor=request.user, share=share, reason=data["reason"])
        return Response(ShareSerializer(share).data)

    @extend_schema(
        request=ShareRenewInput,
        responses=ShareSerializer,
        summary="Renew a share under a new information-sharing agreement",
    )
    @action(detail=True, methods=["post"])
    def renew(self, request, reference: str, pk: int):
        share = self._share(pk)
        data = valid_input(ShareRenewInput, request)
        share = services.share_renew(actor=request.user, share=share, **data)
        return Response(ShareSerializer(share).data)

    def _share(self, pk: int):
        case = self.get_case()
        share = get_object_or_404(api_selectors.case_shares(case), pk=pk)
        share.case = case
        return share


# --- Referrals to another lead agency -------------------------------------------------


@extend_schema(parameters=[CASE_REFERENCE], tags=["case referrals"])
class ReferralViewSet(CasePartViewSet):
    """Asking another agency to lead the case: the lead agency proposes and may withdraw;
    the receiving agency's officers accept (and lead) or decline with a reason."""

    queryset = CaseReferral.objects.none()  # for the schema; reads go through selectors
    serializer_class = ReferralSerializer

    @extend_schema(summary="List the case's referrals, newest first")
    def list(self, request, reference: str):
        return self.page_of(selectors.case_referrals(self.get_case()), ReferralSerializer)

    @extend_schema(
        request=ReferralInput,
        responses={201: ReferralSerializer},
        summary="Refer the case to another agency to lead",
    )
    def create(self, request, reference: str):
        case = self.get_case()
        data = valid_input(ReferralInput, request)
        referral = services.referral_propose(actor=request.user, case=case, **data)
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Read one referral")
    def retrieve(self, request, reference: str, pk: int):
        return Response(ReferralSerializer(self._referral(pk)).data)

    @extend_schema(
        request=ReferralAcceptInput,
        responses=ReferralSerializer,
        summary="Accept the referral: the receiving agency leads from now",
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, reference: str, pk: int):
        referral = self._referral(pk)
        data = valid_input(ReferralAcceptInput, request)
        referral = services.referral_accept(
            actor=request.user, referral=referral, lead_officer=data.get("lead_officer")
        )
        return Response(ReferralSerializer(referral).data)

    @extend_schema(
        request=ReasonInput, responses=ReferralSerializer, summary="Decline the referral"
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, reference: str, pk: int):
        return self._close_with_reason(pk, services.referral_decline)

    @extend_schema(
        request=ReasonInput, responses=ReferralSerializer, summary="Withdraw the referral"
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, reference: str, pk: int):
        return self._close_with_reason(pk, services.referral_withdraw)

    def _close_with_reason(self, pk: int, close) -> Response:
        referral = self._referral(pk)
        data = valid_input(ReasonInput, self.request)
        referral = close(actor=self.request.user, referral=referral, reason=data["reason"])
        return Response(ReferralSerializer(referral).data)

    def _referral(self, pk: int) -> CaseReferral:
        case = self.get_case()
        referral = next((r for r in selectors.case_referrals(case) if r.pk == pk), None)
        if referral is None:
            raise Http404("No such referral on this case.")
        referral.case = case
        return referral


# --- Named access to restricted cases -----------------------------------------------------


@extend_schema(parameters=[CASE_REFERENCE], tags=["restricted-case grants"])
class GrantViewSet(CasePartViewSet):
    """People granted a restricted case by name: the lead agency's manager or lead officer."""

    queryset = CaseUserObjectPermission.objects.none()  # for the schema; reads go through selectors
    serializer_class = GrantSerializer
    lookup_url_kwarg = "user_id"

    def get_case(self) -> Case:
        case = super().get_case()
        access.ensure(
            access.can_grant_access(self.request.user, case),
            "Only the lead agency's manager or lead officer manages named access.",
        )
        return case

    @extend_schema(summary="List people granted the case by name")
    def list(self, request, reference: str):
        return self.page_of(selectors.named_access(self.get_case()), GrantSerializer)

    @extend_schema(request=GrantInput, responses={201: GrantSerializer}, summary="Grant access")
    def create(self, request, reference: str):
        case = self.get_case()
        data = valid_input(GrantInput, request)
        services.case_grant_access(
            actor=request.user, case=case, user=data["user"], reason=data["reason"]
        )
        return Response(GrantSerializer(data["user"]).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=OptionalReasonInput,
        responses={204: None},
        parameters=[OpenApiParameter("user_id", int, OpenApiParameter.PATH)],
        summary="Revoke a person's named access",
    )
    def destroy(self, request, reference: str, user_id: int):
        case = self.get_case()
        data = valid_input(OptionalReasonInput, request)
        granted = {user.pk: user for user in selectors.named_access(case)}
        if user_id not in granted:
            raise Http404("That person has no named access to this case.")
        services.case_revoke_access(
            actor=request.user, case=case, user=granted[user_id], reason=data["reason"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- People in the case -------------------------------------------------------------------


@extend_schema(parameters=[CASE_REFERENCE], tags=["people"])
class ParticipantViewSet(CasePartViewSet):
    queryset = CaseParticipant.objects.none()  # for the schema; reads go through selectors
    serializer_class = ParticipantSerializer

    @extend_schema(summary="List the people in the case and their parts")
    def list(self, request, reference: str):
        case = self.get_case()
        log_read(request, case, "case people")
        return self.page_of(api_selectors.case_participants(case), ParticipantSerializer)

    @extend_schema(
        request=ParticipantInput,
        responses={201: ParticipantSerializer},
        summary="Add a person to the case",
    )
    def create(self, request, reference: str):
        # Checked before a new person is written: someone who may read the case but not add
        # to it (a partner, or break-glass) must leave no record behind.
        case = access.case_for_contribution(request.user, reference)
        data = valid_input(ParticipantInput, request)
        person = self._person(data)
        participant = services.participant_add(
            actor=request.user, case=case, person=person, role=data["role"]
        )
        return Response(ParticipantSerializer(participant).data, status=status.HTTP_201_CREATED)

    def _person(self, data: dict):
        if "new_person" in data:
            person, _ = services.person_find_or_create(
                actor=self.request.user, **dict(data["new_person"])
            )
            return person
        try:
            return selectors.person_for_viewing(self.request.user, data["person"])
        except Http404:
            raise serializers.ValidationError(
                {"person": ["No person with that id is in a case you can see."]}
            ) from None

    @extend_schema(
        responses=PersonInCaseSerializer,
        parameters=[OpenApiParameter("pk", int, OpenApiParameter.PATH, description="Person id")],
        summary="Read a person's parts in the case",
    )
    def retrieve(self, request, reference: str, pk: int):
        case = self.get_case()
        parts = list(api_selectors.case_participants(case).filter(person_id=pk))
        if not parts:
            raise Http404("That person is not in this case.")
        person = parts[0].person
        log_read(request, person, "person in case", case=case.reference)
        roles = [part.role for part in parts]
        return Response(PersonInCaseSerializer({"person": person, "roles": roles}).data)

    @extend_schema(
        request=RemovePersonInput,
        responses={204: None},
        parameters=[OpenApiParameter("pk", int, OpenApiParameter.PATH, description="Person id")],
        summary="Remove a person's part from the case",
    )
    @action(detail=True, methods=["post"])
    def remove(self, request, reference: str, pk: int):
        case = self.get_case()
        data = valid_input(RemovePersonInput, request)
        participant = get_object_or_404(
            CaseParticipant.objects.select_related("case"),
            case=case,
            person_id=pk,
            role=data["role"],
        )
        participant.case = case
        services.participant_remove(
            actor=request.user, participant=participant, reason=data["reason"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Timeline -----------------------------------------------------------------------------


@extend_schema(parameters=[CASE_REFERENCE], tags=["timeline"])
class EntryViewSet(CasePartViewSet):
    """Append-only: entries are never changed; an amendment is a new entry that names the
    one it corrects. Entries at a sensitivity the caller may not read are absent."""

    queryset = TimelineEntry.objects.none()  # for the schema; reads go through selectors
    serializer_class = EntrySerializer

    @extend_schema(summary="List the timeline entries you may read, newest first")
    def list(self, request, reference: str):
        case = self.get_case()
        log_read(request, case, "timeline")
        return self.page_of(api_selectors.readable_entries(request.user, case), EntrySerializer)

    @extend_schema(request=EntryInput, responses={201: EntrySerializer}, summary="Add an entry")
    def create(self, request, reference: str):
        case = self.get_case()
        data = valid_input(EntryInput, request)
        entry = services.entry_add(actor=request.user, case=case, **data)
        return Response(EntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Read one entry")
    def retrieve(self, request, reference: str, pk: int):
        case = self.get_case()
        entry = api_selectors.entry_for_reading(request.user, case, pk)
        log_read(request, case, "timeline entry", entry=entry.pk)
        return Response(EntrySerializer(entry).data)

    @extend_schema(
        request=AmendInput,
        responses={201: EntrySerializer},
        summary="Amend an entry",
        description="Appends a new entry correcting this one; the original stays.",
    )
    @action(detail=True, methods=["post"])
    def amend(self, request, reference: str, pk: int):
        case = self.get_case()
        entry = api_selectors.entry_for_reading(request.user, case, pk)
        data = valid_input(AmendInput, request)
        amendment = services.entry_amend(actor=request.user, entry=entry, body=data["body"])
        return Response(EntrySerializer(amendment).data, status=status.HTTP_201_CREATED)


# --- Actions ------------------------------------------------------------------------------


@extend_schema(parameters=[CASE_REFERENCE], tags=["actions"])
class CaseActionViewSet(CasePartViewSet):
    queryset = Action.objects.none()  # for the schema; reads go through selectors
    serializer_class = ActionSerializer
    # The same page shape as the list of all actions (one schema component for both).
    pagination_class = BoundedActionPagination

    @extend_schema(summary="List the case's actions")
    def list(self, request, reference: str):
        return self.page_of(api_selectors.case_actions(self.get_case()), ActionSerializer)

    @extend_schema(request=ActionInput, responses={201: ActionSerializer}, summary="Add an action")
    def create(self, request, reference: str):
        case = self.get_case()
        data = valid_input(ActionInput, request)
        if data["assigned_agency"] not in selectors.case_agencies(case):
            raise serializers.ValidationError(
                {"assigned_agency": ["Assign the action to the lead agency or one sharing it."]}
            )
        action = services.action_add(actor=request.user, case=case, **data)
        return Response(ActionSerializer(action).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Read one action")
    def retrieve(self, request, reference: str, pk: int):
        return Response(ActionSerializer(self._action(pk)).data)

    @extend_schema(request=CompleteInput, responses=ActionSerializer, summary="Complete an action")
    @action(detail=True, methods=["post"])
    def complete(self, request, reference: str, pk: int):
        action = self._action(pk)
        data = valid_input(CompleteInput, request)
        action = services.action_complete(
            actor=request.user, action=action, outcome=data["outcome"]
        )
        return Response(ActionSerializer(action).data)

    def _action(self, pk: int):
        case = self.get_case()
        action = get_object_or_404(api_selectors.case_actions(case), pk=pk)
        action.case = case
        return action
