"""Rate limits in Redis, as in production (`REDIS_URL`): every app server counts in the same place.

Runs against the Redis server of `MARSAD_TEST_REDIS_URL` (default: redis://127.0.0.1:6379/15), under a key
prefix of its own, so it neither reads nor clears anybody else's keys. Without a reachable Redis it is skipped,
saying so.
"""

import os
import time
import uuid

import pytest
import redis
from django.core.cache import cache

from marsad.api.auth import RateLimit
from tests.api.helpers import Api, token_for

REDIS_URL = os.environ.get("MARSAD_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_cache(settings):
    """Django's cache on the real Redis, under a fresh prefix; the raw connection another app server would use."""
    raw = redis.Redis.from_url(REDIS_URL)
    try:
        raw.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis server at {REDIS_URL}")
    prefix = f"marsad-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield raw
    for key in raw.scan_iter(f"{prefix}:*"):
        raw.delete(key)
    raw.close()


def _window_key(ident: str, seconds: int) -> str:
    """The Redis key of the current window's count, as Django's cache writes it (prefix:version:key)."""
    return cache.make_key(RateLimit.key(ident, int(time.time() // seconds)))


def _settled(seconds: int = 60) -> None:
    """Wait out the last second of a window, so a test's requests all fall in the same one."""
    if seconds - time.time() % seconds < 2:
        time.sleep(2)


def test_counts_per_address_live_in_redis_and_are_shared(client, settings, redis_cache):
    raw = redis_cache
    settings.MARSAD_API_RATE_ANON = "5/60"
    _settled()
    api = Api(client)
    assert [api.get("/countries/TN").status_code for _ in range(2)] == [200, 200]
    key = _window_key("ip:127.0.0.1", 60)
    assert int(raw.get(key)) == 2 and 0 < raw.ttl(key) <= 61
    raw.incrby(key, 3)  # another app server answered three requests from the same address
    limited = api.get("/countries/TN")
    assert limited.status_code == 429 and int(limited["Retry-After"]) >= 1


def test_counts_per_token_live_in_redis(cast, client, settings, redis_cache):
    raw = redis_cache
    settings.MARSAD_API_RATE_TOKEN = "3/60"
    _settled()
    secret = token_for(cast.contributor)
    api = Api(client, secret)
    assert [api.get("/me").status_code for _ in range(4)] == [200, 200, 200, 429]
    token_id = cast.contributor.api_tokens.get().pk
    assert int(raw.get(_window_key(f"token:{token_id}", 60))) == 4
    assert Api(client).get("/countries/TN").status_code == 200  # the address has its own count
