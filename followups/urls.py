from django.urls import path

from . import views

app_name = "followups"

urlpatterns = [
    path("track/<str:token>/", views.track, name="track"),
]
