"""Checking a reporter's photo by its content, never by its name or declared type."""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

# Pillow's format names for the images we accept, and the type each is stored as.
ACCEPTED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def photo_check(upload: UploadedFile) -> str:
    """The photo's real content type; ValidationError if it is too big or not an image."""
    limit = settings.INTAKE_PHOTO_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The photo must be smaller than {filesizeformat(limit)}.", code="too_big"
        )
    try:
        with warnings.catch_warnings():
            # A decompression bomb is refused, not just warned about.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as image:
                image_format = image.format
                image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_not_an_image(), code="not_image") from None
    except (OSError, SyntaxError, ValueError):
        raise ValidationError(_not_an_image(), code="not_image") from None
    finally:
        upload.seek(0)
    if image_format not in ACCEPTED_FORMATS:
        raise ValidationError(_not_an_image(), code="not_image")
    return ACCEPTED_FORMATS[image_format]


def _not_an_image() -> str:
    return "The selected file must be a photo in JPG, PNG or WebP format."
