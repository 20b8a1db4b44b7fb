"""Swagger UI under the Content Security Policy: no inline script or style.

drf-spectacular's split view serves the start-up script as its own file
(``?script``), the sidecar package serves Swagger UI from our static files, and
our template replaces the upstream inline <style> with a stylesheet.
"""

from drf_spectacular.views import SpectacularSwaggerSplitView


class DocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    title = "ICST casebook API"
