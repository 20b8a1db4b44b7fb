import pytest

from .factories import use_upload_dir


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()  # the limits count in the cache, which outlives a test


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    folder = tmp_path / "uploads"
    use_upload_dir(settings, folder)
    yield folder
    use_upload_dir(settings, folder)
