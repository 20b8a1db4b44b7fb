"""Keep personal data out of error reports.

Models declare their personal fields once (``PERSONAL_FIELDS``); error reports
mask request parameters with those names, the search box, and every local
variable in the traceback (a frame may hold a person or a note at any point).
"""

from functools import lru_cache

from django.apps import apps
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

ALWAYS_MASKED = frozenset({"q", "reason", "password", "token", "code"})


@lru_cache(maxsize=1)
def personal_field_names() -> frozenset[str]:
    names: set[str] = set(ALWAYS_MASKED)
    for model in apps.get_models():
        names |= set(getattr(model, "PERSONAL_FIELDS", ()))
    return frozenset(names)


class PersonalDataFilter(SafeExceptionReporterFilter):
    def _mask(self, params):
        cleansed = params.copy()
        for key in list(cleansed):
            if key in personal_field_names():
                cleansed[key] = self.cleansed_substitute
        return cleansed

    def get_post_parameters(self, request):
        params = super().get_post_parameters(request)
        return self._mask(params) if self.is_active(request) and request is not None else params

    def get_traceback_frame_variables(self, request, tb_frame):
        variables = super().get_traceback_frame_variables(request, tb_frame)
        if not self.is_active(request):
            return variables
        return [(name, self.cleansed_substitute) for name, _value in variables]


class PersonalDataExceptionReporter(ExceptionReporter):
    """Also masks the query string (a search for a name), which Django reports as it is."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None and self.filter.is_active(self.request):
            data["request_GET_items"] = self.filter._mask(self.request.GET).items()
            data["request_insecure_uri"] = self.request.path
            meta = dict(data.get("request_meta", {}))
            if "QUERY_STRING" in meta:
                meta["QUERY_STRING"] = self.filter.cleansed_substitute
            data["request_meta"] = meta
        return data
