"""The Delivery API: one NinjaAPI at /api/v1/, wiring the insights, products, preview and health routes.

OpenAPI 3.1 at /api/v1/openapi.json, interactive docs at /api/v1/docs. Every error is problem+json.
"""

from ninja import NinjaAPI

from cms.core.health import Health, health
from cms.core.problems import PROBLEM_JSON, register_problem_handlers
from cms.core.schemas import Problem
from insights.api import router as insights_router
from insights.preview import router as preview_router
from products.api import ingredients_router, products_router


class DeliveryAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document says what the API really answers.

    Errors are `application/problem+json` (the Problem schema), and every operation that takes
    parameters may answer 422 naming the parameter. Operation ids are the view names
    (`list_insights`, `get_product`...), which read well in generated clients.
    """

    def get_openapi_operation_id(self, operation):
        return operation.view_func.__name__

    def get_openapi_schema(self, **kwargs):
        schema = super().get_openapi_schema(**kwargs)
        problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
        for path in schema["paths"].values():
            for operation in path.values():
                responses = operation["responses"]
                if operation.get("parameters"):
                    responses.setdefault(422, {"description": "Invalid parameters"})
                for status, response in responses.items():
                    if int(status) >= 400:
                        response["content"] = {PROBLEM_JSON: problem}
        return schema


api = DeliveryAPI(
    title="Insights Delivery API",
    version="1.0.0",
    description=(
        "Published insights, product blurbs and ingredients for shop frontends and headless readers. "
        "Read-only and anonymous; HEAD answers as GET without a body. Responses carry a strong ETag (send "
        "If-None-Match for a 304) and `Cache-Control: public`; draft previews are `private, no-store`. "
        "Errors are `application/problem+json`: 404 for anything absent, unpublished, private or expired; "
        "422 naming the parameter for invalid input; 503 with Retry-After while the database is unreachable. "
        "`limit` is 1 to 100 (a larger value is a 422, not clamped); `tag` may be repeated up to 10 times."
    ),
    urls_namespace="api_v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
register_problem_handlers(api)

api.add_router("/insights/", insights_router)
api.add_router("/products/", products_router)
api.add_router("/ingredients/", ingredients_router)
api.add_router("/preview/", preview_router)
api.get("/health", response={200: Health, 503: Problem}, tags=["health"], summary="Can this node serve?")(health)
