from django.db.models import QuerySet

from .models import AccessLog


def accesses_to(obj) -> QuerySet[AccessLog]:
    """Every logged access to one record, newest first."""
    return AccessLog.objects.filter(
        object_type=obj._meta.model_name, object_id=str(obj.pk)
    ).select_related("user")
