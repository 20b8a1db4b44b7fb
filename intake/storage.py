"""Where reporters' photos live: a folder outside the web root, never given a URL."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject, empty


class PrivateStorage(FileSystemStorage):
    """File storage with no public URL: photos are read only through an access-checked view."""

    def url(self, name):
        raise ValueError("Reporters' photos have no public address.")


class _LazyStorage(LazyObject):
    """Reads INTAKE_UPLOAD_DIR when first used, so the setting can change (tests, deploys)."""

    def __init__(self, subfolder: str = ""):
        self.__dict__["_subfolder"] = subfolder
        super().__init__()

    def _setup(self) -> None:
        location = Path(settings.INTAKE_UPLOAD_DIR) / self.__dict__["_subfolder"]
        self._wrapped = PrivateStorage(location=str(location), base_url=None)

    def reset(self) -> None:
        self._wrapped = empty


photo_storage = _LazyStorage()
# Files of reports still being filled in (the form's pages), until sent or abandoned.
incomplete_storage = _LazyStorage("incomplete")


def get_photo_storage():
    return photo_storage
