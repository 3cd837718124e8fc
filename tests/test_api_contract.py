"""The Delivery API's public contract: golden JSON, the OpenAPI document, and a property-based run of it.

Golden files (tests/golden/*.json) hold the seed article and the GLOW product as the API serves them,
with ids, dates and block uuids normalised. A change to the contract shows up as a diff to review.
After an intended change, rewrite them with:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_api_contract.py -k golden

The property-based test lets schemathesis generate requests from /api/v1/openapi.json (bounded
examples) and checks that none gives a 5xx and every response matches the documented schema.
"""

import json
import os
import re
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from insights.blocks import InsightBodyBlock

GOLDEN = Path(__file__).with_name("golden")
OPENAPI = "/api/v1/openapi.json"


def normalise(value, key=None):
    """Replace what differs between runs (database ids, dates, block uuids, rendition file names)."""
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(item) for item in value]
    if key == "id":
        return "<id>"
    if key in ("published_at", "updated_at") and value is not None:
        return f"<{key}>"
    if isinstance(value, str):
        return re.sub(r"/media/images/[^\"]+", "/media/images/<rendition>", value)
    return value


def check_golden(name, data):
    path = GOLDEN / name
    text = json.dumps(normalise(data), indent=2, ensure_ascii=False) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1 to write it"
    assert text == path.read_text(encoding="utf-8"), f"The API's output differs from {path.name}"


def test_golden_seed_article(client, seeded):
    check_golden("insight-balanced-gut-healthy-skin.json", client.get(f"/api/v1/insights/{seeded.slug}/").json())


def test_golden_glow_product(client, glow):
    check_golden("product-glow.json", client.get("/api/v1/products/glow/").json())


@pytest.fixture
def openapi(client, db):
    return client.get(OPENAPI).json()


def test_openapi_document_is_valid_31(db):
    schema = schemathesis.openapi.from_wsgi(OPENAPI, get_wsgi_application())

    schema.validate()  # against the OpenAPI 3.1 meta-schema
    assert schema.raw_schema["openapi"].startswith("3.1")


def test_openapi_describes_every_endpoint(openapi):
    assert set(openapi["paths"]) == {
        "/api/v1/health",
        "/api/v1/insights/",
        "/api/v1/insights/{slug}/",
        "/api/v1/products/",
        "/api/v1/products/{slug}/",
        "/api/v1/ingredients/",
        "/api/v1/ingredients/{slug}/",
        "/api/v1/preview/insights/",
    }
    list_parameters = {parameter["name"] for parameter in openapi["paths"]["/api/v1/insights/"]["get"]["parameters"]}
    assert list_parameters == {"tag", "product", "ingredient", "q", "ordering", "limit", "offset"}


def test_openapi_body_is_a_union_of_every_block_type(openapi):
    schemas = openapi["components"]["schemas"]
    body = schemas["Insight"]["properties"]["body"]["items"]

    assert body["discriminator"]["propertyName"] == "type"
    documented = {type_name for type_name in body["discriminator"]["mapping"]}
    assert documented == set(InsightBodyBlock().child_blocks)
    for ref in body["discriminator"]["mapping"].values():
        assert "value" in schemas[ref.rsplit("/", 1)[1]]["properties"]


def test_openapi_errors_are_problems(openapi):
    not_found = openapi["paths"]["/api/v1/insights/{slug}/"]["get"]["responses"]["404"]
    assert not_found["content"] == {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def undocumented_fields(value, schema, components, where="$"):
    """Where `value` has fields the schema does not name, or lacks fields it names (the schema is the contract).

    Schema conformance alone allows extra fields; clients generated from the document would not see them.
    """
    if "$ref" in schema:
        return undocumented_fields(value, components[schema["$ref"].rsplit("/", 1)[1]], components, where)
    choices = schema.get("anyOf") or schema.get("oneOf")
    if choices:
        if value is None:
            return []
        mapping = schema.get("discriminator", {}).get("mapping")
        if mapping:
            return undocumented_fields(value, {"$ref": mapping[value["type"]]}, components, where)
        (chosen,) = [choice for choice in choices if choice.get("type") != "null"]
        return undocumented_fields(value, chosen, components, where)
    if isinstance(value, list):
        return [problem for item in value for problem in undocumented_fields(item, schema["items"], components, where)]
    if isinstance(value, dict) and "properties" in schema:
        problems = []
        if set(value) != set(schema["properties"]):
            problems.append(f"{where}: {sorted(value)} but documented {sorted(schema['properties'])}")
        for key, item in value.items():
            if key in schema["properties"]:
                problems += undocumented_fields(item, schema["properties"][key], components, f"{where}.{key}")
        return problems
    return []


@pytest.mark.parametrize(
    ("path", "slug"),
    [
        ("/api/v1/insights/", None),
        ("/api/v1/insights/{slug}/", "balanced-gut-healthy-skin"),
        ("/api/v1/products/", None),
        ("/api/v1/products/{slug}/", "glow"),
        ("/api/v1/ingredients/", None),
        ("/api/v1/ingredients/{slug}/", "hyaluronic-acid"),
    ],
)
def test_responses_have_exactly_the_documented_fields(client, seeded, openapi, path, slug):
    url = path.replace("{slug}", slug) if slug else path
    response = client.get(url)
    schema = openapi["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert response.status_code == 200
    assert undocumented_fields(response.json(), schema, openapi["components"]["schemas"]) == []


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Schemathesis calls the raw WSGI app, whose request signals close the database connection and with
    it the test's transaction (on PostgreSQL); Django's own test client disconnects them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Loaded once at collection through the WSGI app (the OpenAPI document needs no database);
# the requests themselves run inside each test, against the seeded database.
schema = schemathesis.openapi.from_wsgi(OPENAPI, get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_server_errors_and_responses_match_the_schema(case, seeded, wsgi_keeps_the_test_connection):
    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    )
