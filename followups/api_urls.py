from django.urls import path

from .api import FollowupFiguresView

app_name = "followups-api"

urlpatterns = [path("figures/", FollowupFiguresView.as_view(), name="figures")]
