from django.urls import path

from .api import FiguresView

app_name = "intake-api"

# One report, not a collection of records: a plain path, as a router would add nothing.
urlpatterns = [path("figures/", FiguresView.as_view(), name="figures")]
