"""Django's 404 and 500 handlers: problem JSON under /api/, the usual pages elsewhere."""

from django.views import defaults

from common.api.exceptions import problem_response


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def not_found(request, exception=None):
    if _is_api(request):
        return problem_response(request, 404, "No such API endpoint or record.", "not_found")
    return defaults.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return problem_response(
            request, 500, "Something went wrong on our side; nothing was saved.", "server_error"
        )
    return defaults.server_error(request)
