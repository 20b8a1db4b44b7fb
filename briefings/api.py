"""The briefings API (``/api/v1/briefings/``): sheets and their sections as the caller
may read them, and PDFs prepared in the background.

Authentication, permission, pagination and problem-details errors are the project's
REST_FRAMEWORK defaults (see ``api`` and ``common.api``). Every sheet read and every
download is written to the access log with the cases it disclosed.
"""

import json

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.reverse import reverse

from audit.services import log_read
from common.api.exceptions import Conflict

from . import selectors, services
from .models import Briefing, BriefingDocument
from .views import pdf_download, reader_document


class BriefingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Briefing
        fields = ["id", "day", "window_start", "window_end", "built_at"]


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()


class SectionSummarySerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    count = serializers.IntegerField()


class BriefingDetailSerializer(BriefingSerializer):
    sections = SectionSummarySerializer(many=True)

    class Meta(BriefingSerializer.Meta):
        fields = [*BriefingSerializer.Meta.fields, "sections"]


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    row_limit = serializers.IntegerField(
        allow_null=True,
        help_text="Set when the sheet kept only this many rows of the section (there were "
        "more); null when the section is complete.",
    )
    columns = ColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.DictField(),
        help_text="One object per row: ``reference``, ``group`` and ``cells`` (column key to "
        'text, "Withheld", or a list of case references).',
    )


class DocumentSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = BriefingDocument
        fields = ["id", "status", "first_day", "last_day", "requested_at", "ready_at", "download"]

    def get_download(self, document) -> str | None:
        if document.status != BriefingDocument.Status.READY:
            return None
        return reverse(
            "briefings-api:document-download", args=[document.pk], request=self.context["request"]
        )


def _cell(value):
    if isinstance(value, list):
        return [link.reference for link in value]
    return value


def _section_data(section: selectors.ReaderSection) -> dict:
    return {
        "key": section.key,
        "title": section.title,
        "description": section.description,
        "row_limit": section.row_limit,
        "columns": [{"key": key, "title": title} for key, title, _ in section.columns],
        "rows": [
            {
                "reference": row.reference,
                "group": row.group,
                "cells": {k: _cell(v) for k, v in row.keyed},
            }
            for row in section.rows
        ],
    }


class PdfRenderer(renderers.BaseRenderer):
    """Lets a client ask for ``Accept: application/pdf``; errors still come back as JSON."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        return json.dumps(data).encode()


class BriefingViewSet(viewsets.GenericViewSet):
    """Every sheet is listed; each is read cut down to the cases and details the caller may see."""

    serializer_class = BriefingSerializer
    queryset = Briefing.objects.none()
    lookup_value_converter = "int"

    def get_queryset(self):
        return selectors.briefing_list()

    def _sheet(self, request, pk: int) -> selectors.ReaderSheet:
        sheet = selectors.sheet_for_reader(request.user, get_object_or_404(Briefing, pk=pk))
        log_read(request, sheet.briefing, "briefing", cases=sheet.case_references)
        return sheet

    @extend_schema(summary="List briefings, newest first")
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(BriefingSerializer(page, many=True).data)

    @extend_schema(responses=BriefingDetailSerializer, summary="Read a briefing's summary")
    def retrieve(self, request, pk: int):
        sheet = self._sheet(request, pk)
        data = BriefingSerializer(sheet.briefing).data
        data["sections"] = [
            {"key": s.key, "title": s.title, "count": len(s.rows)} for s in sheet.sections
        ]
        return Response(data)

    @extend_schema(responses=SectionSerializer(many=True), summary="Read a briefing's sections")
    @action(detail=True, methods=["get"])
    def sections(self, request, pk: int):
        sheet = self._sheet(request, pk)
        return Response([_section_data(section) for section in sheet.sections])

    @extend_schema(responses=SectionSerializer, summary="Read one section of a briefing")
    @action(detail=True, methods=["get"], url_path="sections/<slug:section>")
    def section(self, request, pk: int, section: str):
        sheet = self._sheet(request, pk)
        found = next((s for s in sheet.sections if s.key == section), None)
        if found is None:
            raise Http404("This briefing has no such section.")
        return Response(_section_data(found))

    @extend_schema(
        request=None,
        responses={202: DocumentSerializer},
        summary="Ask for a PDF of the briefing (prepared in the background)",
    )
    @action(detail=True, methods=["post"])
    def pdf(self, request, pk: int):
        briefing = get_object_or_404(Briefing, pk=pk)
        document = services.document_request(actor=request.user, briefing=briefing)
        data = DocumentSerializer(document, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED)


class DocumentViewSet(viewsets.GenericViewSet):
    """A PDF is its requester's alone: anyone else gets 404."""

    serializer_class = DocumentSerializer
    queryset = BriefingDocument.objects.none()
    lookup_value_converter = "int"

    @extend_schema(summary="Check whether a PDF is ready")
    def retrieve(self, request, pk: int):
        document = reader_document(request, pk)
        return Response(DocumentSerializer(document, context={"request": request}).data)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF"),
            409: OpenApiResponse(description="Still being prepared"),
        },
        summary="Download a prepared PDF",
    )
    @action(detail=True, methods=["get"])
    def download(self, request, pk: int):
        document = reader_document(request, pk)
        if document.status != BriefingDocument.Status.READY:
            raise Conflict(
                f"The PDF is {document.get_status_display().lower()}; try again shortly."
            )
        return pdf_download(request, document, via="api")

    def get_renderers(self):
        if self.action == "download":
            return [renderers.JSONRenderer(), PdfRenderer()]
        return super().get_renderers()
