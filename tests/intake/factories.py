"""Reports for tests: answers as the public form gives them, and a real image."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def answers(**changes) -> dict:
    base = {
        "category": "asb",
        "what_happened": "Youths kicking a ball against my window every night.",
        "when": "Every evening since 1 November, about 9pm",
        "where": "14 Mill Lane, Eastbridge",
        "is_ongoing": False,
        "is_anonymous": False,
        "given_name": "Amira",
        "family_name": "Khan",
        "email": "amira@example.org",
        "phone": "",
        "contact_preference": "email",
        "is_victim": True,
        "consent_to_share": True,
    }
    base.update(changes)
    return base


def png_bytes(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def use_upload_dir(settings, folder) -> None:
    """Keep a test's photos in ``folder`` (the storages read the setting when first used)."""
    from intake.storage import incomplete_storage, photo_storage

    settings.INTAKE_UPLOAD_DIR = str(folder)
    photo_storage.reset()
    incomplete_storage.reset()


def report_with_photo(settings, folder, **changes):
    from intake.services import report_submit

    use_upload_dir(settings, folder)
    return report_submit(channel="online_form", answers=answers(**changes), photo=png_upload())
