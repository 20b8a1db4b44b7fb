"""Errors any layer may raise and any layer above may answer, without knowing the model."""


class StaleObject(Exception):
    """An update was based on an old version of a record; nothing was saved.

    Carries the record as it is now (``current``, with its ``version`` and ``etag``) and
    the version the caller had, so the caller can show what changed and the API can say
    which version to send next.
    """

    def __init__(self, current, expected_version: int, message: str = "") -> None:
        self.current = current
        self.expected_version = expected_version
        super().__init__(
            message
            or f"The record was changed by someone else (now version {current.version}, "
            f"you had version {expected_version}). Nothing was saved."
        )
