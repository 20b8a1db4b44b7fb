from django.urls import path

from .api import FollowupFiguresView

app_name = "followups-api"

# One report, not a collection of records: a plain path, as a router would add nothing.
urlpatterns = [path("figures/", FollowupFiguresView.as_view(), name="figures")]
