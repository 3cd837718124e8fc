"""Wagtail hooks every page shares."""

from django.http import Http404
from wagtail import hooks

from .visibility import is_expired


@hooks.register("before_serve_page")
def expired_pages_are_not_served(page, request, serve_args, serve_kwargs):
    """A page past its expiry date is gone for readers at once, not when `publish_scheduled` next runs.
    (Wagtail itself refuses pages that are not live, and asks for the password or login of private ones.)"""
    if is_expired(page):
        raise Http404("This page has expired.")
