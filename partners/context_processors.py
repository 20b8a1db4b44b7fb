from .rules import membership_of


def membership(request) -> dict:
    """The signed-in user's agency and role, for the page header."""
    return {"current_membership": membership_of(getattr(request, "user", None))}
