import io

import pytest
from PIL import Image


def answers(**changes):
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


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    settings.INTAKE_UPLOAD_DIR = str(tmp_path / "uploads")
    from intake.storage import incomplete_storage, photo_storage

    photo_storage.reset()
    incomplete_storage.reset()
    yield tmp_path / "uploads"
    photo_storage.reset()
    incomplete_storage.reset()
