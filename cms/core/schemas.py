"""Schemas the whole API shares: an image with its renditions, a page reference, and a problem (RFC 9457)."""

from typing import Annotated, Any

from ninja import Schema
from pydantic import Field, StringConstraints

from .tags import TAG_PATTERN


class Rendition(Schema):
    url: str = Field(description="Absolute URL of the resized image.")
    width: int
    height: int


class Renditions(Schema):
    thumbnail: Rendition = Field(description="Cropped to 480x320.")
    medium: Rendition = Field(description="At most 960x960.")
    large: Rendition = Field(description="At most 1920x1920.")


class Image(Schema):
    alt: str = Field(description="Alternative text; empty for a decorative image.")
    width: int = Field(description="Width of the original.")
    height: int = Field(description="Height of the original.")
    renditions: Renditions


class PageRef(Schema):
    """A page as listings and links show it (`cms.core.refs.page_ref`)."""

    slug: str
    title: str
    url: str = Field(description="Absolute URL of the HTML page.")


class Problem(Schema):
    """An error, as `application/problem+json` (the shape Wagtail's API v3 uses)."""

    type: str = "about:blank"
    title: str = Field(description="The HTTP status phrase, e.g. 'Not Found'.")
    status: int
    detail: str = ""
    errors: list[dict[str, Any]] | None = Field(
        None, description="For invalid parameters: one entry per problem, `loc` naming the parameter."
    )


# Query and path parameter types. Constrained so that junk (control characters, NUL bytes, megabyte
# strings) is a 422 naming the parameter instead of reaching the database.
SLUG_PATTERN = r"^[-\w]+$"
Slug = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=SLUG_PATTERN)]
TagName = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=TAG_PATTERN)]
SearchText = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]+$")]
