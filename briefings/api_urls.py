"""Routes under /api/v1/briefings/ (see ``briefings.api``)."""

from rest_framework.routers import SimpleRouter

from .api import BriefingViewSet, DocumentViewSet

app_name = "briefings-api"

# Path converters, not regexes (each viewset's ``lookup_value_converter``), as in ``api.urls``.
router = SimpleRouter(use_regex_path=False)
router.register("", BriefingViewSet, basename="briefing")
router.register("documents", DocumentViewSet, basename="document")

urlpatterns = router.urls
