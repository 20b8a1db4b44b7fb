"""The REST API, v1: the casebook for partner systems.

Every endpoint inherits the project's REST_FRAMEWORK defaults (config/settings/base.py):
token then session authentication (CSRF enforced for sessions), ``api.permissions.IsAuthenticated``
(signed in, with a verified second factor where the role needs one), JSON only, bounded
page-number pagination (``common.api.pagination``), django-filter, and one exception handler
(``common.api.exceptions``) that turns every error into RFC 9457 problem details.

The pieces an app needs to mount endpoints of its own are in ``common.api`` (and the read
logging in ``audit.services``), so the feature apps import nothing from this app.

Adding endpoints from another app (for example ``briefings``):

1. Write a viewset in that app (``briefings/api.py``). Read through the app's selectors,
   which are built on ``casework.access``; write through its services. Raise nothing by
   hand: services' ValidationError and PermissionDenied, and access's Http404, become
   400/403/404 problem responses by themselves.
2. Use ``common.api.serializers.StrictInputSerializer`` for request bodies so unknown fields
   are refused, and ``audit.services.log_read`` for every detail read or export.
3. Register the viewsets on a ``SimpleRouter(use_regex_path=False)`` in the app's
   ``api_urls.py`` (``@action`` for each route beyond list and detail; the viewset's
   ``lookup_value_converter`` types its lookup), and route that in ``config/urls.py``:
   ``path("api/v1/briefings/", include("briefings.api_urls"))``.
   It appears in /api/schema/ and /api/docs/ automatically; add each route to
   tests/test_authorization_sweep.py (anonymous callers get 401).
4. Bodies are JSON only (``common.api.parsers.BoundedJSONParser``, 413 past
   DATA_UPLOAD_MAX_MEMORY_SIZE); a view that takes uploads sets its own
   ``parser_classes``. To throttle a view, give it a ``throttle_scope`` and add the
   rate to REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].
5. The schemathesis run (tests/api/test_schemathesis.py) covers new operations by itself;
   every status a view can answer must be in its schema (the common problem responses
   are added to every operation by ``api.schema.add_problem_responses``).
"""
