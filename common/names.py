"""People's names found in free text, however they are written.

A name matches as whole words only, in any case, with its parts joined by a hyphen,
dash or space either way ("Smith-Jones", "smith jones") and its apostrophes written
straight, curly or not at all ("O'Brien", "O’Brien", "OBrien"); "Smithfield" does not
name Smith. Used where a name must be kept out of a message or redacted from a
disclosure.
"""

import re

_APOSTROPHE_CHARACTERS = "'\u2018\u2019\u02bc`\u00b4"
STRAIGHT_APOSTROPHES = str.maketrans(dict.fromkeys(_APOSTROPHE_CHARACTERS[1:], "'"))
_NAME_PART = re.compile(r"[^\s\-\u2010-\u2015]+")
_JOIN = r"[\s\-\u2010-\u2015]+"
_ANY_APOSTROPHE = f"[{_APOSTROPHE_CHARACTERS}\\s]?"


def name_parts(name: str) -> tuple[str, ...]:
    """A name as its lower-case parts: "Smith-Jones" and "smith jones" are one name."""
    return tuple(_NAME_PART.findall(name.translate(STRAIGHT_APOSTROPHES).lower()))


def name_pattern(name: str | tuple[str, ...]) -> re.Pattern | None:
    """A pattern finding ``name`` (or its parts) in text, or None for an empty name."""
    parts = name_parts(name) if isinstance(name, str) else name
    if not parts:
        return None
    escaped = (re.escape(part).replace("'", _ANY_APOSTROPHE) for part in parts)
    return re.compile(rf"(?<!\w){_JOIN.join(escaped)}(?!\w)", re.IGNORECASE)
