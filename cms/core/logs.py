"""Logging helpers referenced from settings.LOGGING."""

import logging
import time


class OncePerInterval(logging.Filter):
    """Lets one record of a logger through per `seconds`, as a one-line warning without the traceback.

    For django-redis, which logs every cache call it answers without Redis: while Redis is down, the log says so
    once a minute instead of once per request.
    """

    def __init__(self, seconds=60, message=""):
        super().__init__()
        self.seconds = seconds
        self.message = message
        self.last = float("-inf")

    def filter(self, record):
        now = time.monotonic()
        if now - self.last < self.seconds:
            return False
        self.last = now
        error = record.exc_info[1] if record.exc_info else None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.msg = f"{self.message or record.getMessage()}" + (
            f" ({error.__class__.__name__}: {error})" if error else ""
        )
        record.args, record.exc_info, record.exc_text = (), None, None
        return True
