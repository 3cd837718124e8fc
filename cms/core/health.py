"""GET /api/v1/health: can this node serve? For load balancers and monitors.

- 200 `{"status": "ok", "database": true, "cache": true}` when both answer.
- 200 `{"status": "degraded", "database": true, "cache": false}` when the cache (Redis) does not answer: pages
  and the API are still served, uncached, so the node stays in service.
- 503 problem+json naming the database when it does not answer: nothing can be served.
"""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from ninja import Schema

from .problems import problem_response


class Health(Schema):
    status: str
    database: bool
    cache: bool


def database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return False
    return True


def cache_answers():
    """A round trip through the cache. A cache that is down (django-redis ignoring its errors) loses the value."""
    key, token = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    answered = cache.get(key) == token
    cache.delete(key)
    return answered


def health(request, response: HttpResponse):
    """200 when the node can serve (`degraded` without its cache), 503 when the database does not answer."""
    response["Cache-Control"] = "no-store"
    if not database_answers():
        problem = problem_response(503, "The database is unreachable.")
        problem["Cache-Control"] = "no-store"
        return problem
    cache_up = cache_answers()
    return {"status": "ok" if cache_up else "degraded", "database": True, "cache": cache_up}
