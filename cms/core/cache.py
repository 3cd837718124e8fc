"""The cache on Redis (REDIS_URL) when Redis does not answer: pages and the API are served uncached, without waiting.

django-redis ignores the cache's errors (`IGNORE_EXCEPTIONS`, settings.redis_cache): a Redis that is down makes
every cache call a miss, and a refused connection costs a millisecond. A Redis that is hung (a stopped process,
a full machine, a network that drops packets) costs a socket timeout per call instead, and one request makes
several cache calls (Wagtail's site root paths, the response cache's version and entry, ...). `HoldOffRedis`
bounds that to one timeout: after a command times out, every command to that Redis fails at once for
`hold_off_seconds`, then the next one tries again. Nothing to restart when Redis is back.
"""

import time

from redis import Redis
from redis.client import Pipeline
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# Connection pool (one per Redis URL and process, kept by django-redis for the process's life) -> monotonic time
# until which commands to it fail at once.
_held_off_until = {}


class RedisHeldOff(RedisConnectionError):
    """A command not sent: this Redis timed out a moment ago. django-redis ignores it like any connection error."""


def call_or_hold_off(client, call, *args, **kwargs):
    pool = id(client.connection_pool)
    if time.monotonic() < _held_off_until.get(pool, 0):
        raise RedisHeldOff(f"Redis timed out less than {client.hold_off_seconds} s ago: not waiting on it again yet")
    try:
        return call(*args, **kwargs)
    except RedisTimeoutError:
        _held_off_until[pool] = time.monotonic() + client.hold_off_seconds
        raise


class HoldOffPipeline(Pipeline):
    """Wagtail caches renditions with `set_many`, which django-redis sends as a pipeline."""

    hold_off_seconds = 5

    def execute(self, raise_on_error=True):
        return call_or_hold_off(self, super().execute, raise_on_error)


class HoldOffRedis(Redis):
    """redis-py's client (django-redis's REDIS_CLIENT_CLASS) that does not wait again on a Redis that just timed out.

    Every command goes through `execute_command`, or `execute` for a pipeline.
    """

    def __init__(self, *args, hold_off_seconds=5, **kwargs):
        super().__init__(*args, **kwargs)
        self.hold_off_seconds = hold_off_seconds

    def execute_command(self, *args, **options):
        return call_or_hold_off(self, super().execute_command, *args, **options)

    def pipeline(self, transaction=True, shard_hint=None):
        pipeline = HoldOffPipeline(self.connection_pool, self.response_callbacks, transaction, shard_hint)
        pipeline.hold_off_seconds = self.hold_off_seconds
        return pipeline
