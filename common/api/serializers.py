"""Serializer bases: a request body says only what a client may set; small shapes
that name a record by reference."""

from rest_framework import serializers


class StrictInputSerializer(serializers.Serializer):
    """Refuses fields it does not accept, so nothing (lead_agency, version, created_by...)
    can be slipped in beside the fields a client may set."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data) - writable)
            if unknown:
                raise serializers.ValidationError(
                    {name: ["This field is not accepted here."] for name in unknown}
                )
        return super().to_internal_value(data)


# An agency named in another record. (No docstring: it would become the API schema's
# description of the shape.)
class AgencyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
