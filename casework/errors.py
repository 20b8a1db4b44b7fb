from common.errors import StaleObject


class StaleCaseError(StaleObject):
    """An update was based on an old version of the case; nothing was saved.

    Carries the case as it is now so the caller can show what changed.
    """

    def __init__(self, current, expected_version: int):
        super().__init__(
            current,
            expected_version,
            f"Case {current.reference} was changed by someone else (now version "
            f"{current.version}, you had version {expected_version}). Nothing was saved: "
            "review the latest details and make your change again.",
        )
