"""Error pages: problem+json under /api/, styled HTML elsewhere; a 503 while the database is unreachable.

The 500 and 503 pages are rendered without the request (no context processors, no session, no database),
so that they render whatever is down.
"""

import sys

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.views import defaults
from django.views.decorators.common import no_append_slash

from .middleware import is_api
from .problems import RETRY_AFTER_SECONDS, UNAVAILABLE, problem_response, server_error_problem


def bad_request(request, exception):
    """Under /api/, Django's refusals (an unknown Host, too many fields...): their messages are for the log (they
    name settings such as ALLOWED_HOSTS), so the problem says what happened in general."""
    if is_api(request):
        return problem_response(400, "The request was refused: it is malformed or not addressed to this site.")
    return defaults.bad_request(request, exception)


def page_not_found(request, exception):
    if is_api(request):
        return problem_response(404, "Nothing is published at this address.")
    return defaults.page_not_found(request, exception)


@no_append_slash
def api_not_found(request):
    """Any address under /api/ ending in a slash that no endpoint answers (cms.urls routes them here).

    Without this route Wagtail's page URLs claim them, and CommonMiddleware then redirects `/api/v1/nothing` to
    `/api/v1/nothing/`: an HTML redirect for an address that does not exist. `no_append_slash` keeps that redirect
    for the endpoints themselves (`/api/v1/insights` -> `/api/v1/insights/`) and makes the rest a 404 problem.
    """
    raise Http404  # handler404 answers, as for any address nothing answers


def server_error(request):
    error = sys.exc_info()[1]  # Django calls this handler while handling the exception
    if is_api(request):
        return server_error_problem(error)
    if isinstance(error, UNAVAILABLE):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponse(render_to_string("500.html"), status=500)
