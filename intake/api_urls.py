from django.urls import path

from .api import FiguresView

app_name = "intake-api"

urlpatterns = [path("figures/", FiguresView.as_view(), name="figures")]
