"""Error pages: problem+json under /api/, styled HTML elsewhere; a 503 while the database is unreachable.

The 500 and 503 pages are rendered without the request (no context processors, no session, no database),
so that they render whatever is down.
"""

import sys

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

from .middleware import is_api
from .problems import RETRY_AFTER_SECONDS, UNAVAILABLE, problem_response, server_error_problem


def bad_request(request, exception):
    if is_api(request):
        return problem_response(400, str(exception))
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if is_api(request):
        return problem_response(404, "Nothing is published at this address.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    error = sys.exc_info()[1]  # Django calls this handler while handling the exception
    if is_api(request):
        return server_error_problem(error)
    if isinstance(error, UNAVAILABLE):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
