"""The casebook lists' pagination: bounded (``common.api.pagination``), named for what
they list. ``BoundedCasePagination`` takes the case list's page, fetched branch by branch
of the access policy (``casework.selectors.case_list_page``).
"""

from common.api.pagination import BoundedPagination


class BoundedCasePagination(BoundedPagination):
    """The case list's: the view fetches its page with ``case_list_page`` and hands it
    over with ``use``."""

    noun = "cases"
    count_note = " (fewer for a search)"


class BoundedPeoplePagination(BoundedPagination):
    noun = "people"


class BoundedActionPagination(BoundedPagination):
    noun = "actions"
