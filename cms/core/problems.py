"""Every API error as `application/problem+json`: 404 for what is absent, 422 naming the bad parameter,
503 while the database is unreachable, 500 (logged with its traceback) for anything else."""

import re
from http import HTTPStatus

from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.utils.log import log_response
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .schemas import SLUG_PATTERN, Problem

PROBLEM_JSON = "application/problem+json"
# What a lost or refused database connection raises; anything else is a fault in the code (500).
UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def problem_response(status, detail="", errors=None):
    problem = Problem(title=HTTPStatus(status).phrase, status=status, detail=detail, errors=errors)
    response = HttpResponse(problem.model_dump_json(exclude_none=True), status=status, content_type=PROBLEM_JSON)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error_problem(error):
    """503 when the database is unreachable, else 500; the detail never shows the error itself."""
    if isinstance(error, UNAVAILABLE):
        return problem_response(503, "The database is unreachable: try again shortly.")
    return problem_response(500, "Something went wrong on our side; it has been logged.")


def published_or_404(queryset, slug, what):
    """The first object of `queryset` with `slug`, or a 404 problem. A string that cannot be a slug names
    nothing: 404 without asking the database (PostgreSQL refuses NUL bytes in a query)."""
    found = queryset.filter(slug=slug).first() if re.match(SLUG_PATTERN, slug) else None
    if found is None:
        raise Http404(f"No published {what} with the slug {slug!r}.")
    return found


def parameter_errors(exc):
    """Ninja's validation errors without the rejected input (it may be huge); `loc` names the parameter."""
    return [
        {"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error.get("type", "")}
        for error in exc.errors
    ]


def register_problem_handlers(api):
    @api.exception_handler(NinjaValidationError)
    def invalid_parameters(request, exc):
        return problem_response(422, "Invalid parameters", parameter_errors(exc))

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem_response(404, str(exc) or "Not found")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem_response(exc.status_code, str(exc))

    @api.exception_handler(Exception)
    def server_error(request, exc):
        """Logged as Django logs the errors it handles itself (handler500): the same line, with the traceback."""
        response = server_error_problem(exc)
        log_response("%s: %s", response.reason_phrase, request.path, response=response, request=request, exception=exc)
        return response
