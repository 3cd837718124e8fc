"""Every API error as `application/problem+json`: 404 for what is absent, 422 naming the bad parameter."""

import re
from http import HTTPStatus

from django.http import Http404, HttpResponse
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .schemas import SLUG_PATTERN, Problem

PROBLEM_JSON = "application/problem+json"


def problem_response(status, detail="", errors=None):
    problem = Problem(title=HTTPStatus(status).phrase, status=status, detail=detail, errors=errors)
    return HttpResponse(problem.model_dump_json(exclude_none=True), status=status, content_type=PROBLEM_JSON)


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
