from django.http import Http404


class RefuseNulInPathMiddleware:
    """A NUL byte names no record (PostgreSQL text cannot even hold one): 404, never 500.

    Forms already refuse NUL characters; this covers the values taken from the URL,
    for the web pages and the API alike.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        values = [*view_args, *view_kwargs.values()]
        if any(isinstance(value, str) and "\x00" in value for value in values):
            raise Http404("No such record.")
        return None
