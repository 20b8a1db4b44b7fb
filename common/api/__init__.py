"""The plumbing every app's REST endpoints stand on, knowing no app's models.

``exceptions`` turns every error into RFC 9457 problem details (the REST_FRAMEWORK
exception handler), ``parsers`` takes bounded JSON bodies only, ``pagination`` pages
lists with a bounded count, and ``serializers.StrictInputSerializer`` refuses fields a
request may not set. The casebook's own endpoints are in ``api``; a feature app mounts
its endpoints on these pieces without importing ``api``.
"""
