"""Keep idle sessions alive without writing the session row on every request.

Saving the session on every request (to push its expiry back) costs a database
write per page view. Instead the session is saved when it was last refreshed
``SESSION_REFRESH_SECONDS`` ago or more, so a session still ends between
``SESSION_IDLE_MINUTES`` minus that interval and ``SESSION_IDLE_MINUTES`` after
the last request.
"""

import time

from django.conf import settings

REFRESHED_AT = "_refreshed_at"


class SessionRefreshMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        interval = settings.SESSION_REFRESH_SECONDS
        if interval and session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(REFRESHED_AT, 0) >= interval:
                session[REFRESHED_AT] = now  # marks it modified: saved with a new expiry
        return response
