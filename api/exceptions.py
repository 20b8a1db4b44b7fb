"""The casebook API's own errors; the problem-details handler and the errors every API
shares are in ``common.api.exceptions``."""

from rest_framework import exceptions, status


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "precondition_required"
    default_detail = (
        "Send the case's ETag in an If-Match header, so a change made since you read it "
        "is not overwritten."
    )


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"
    default_detail = "Too many failed sign-ins for this username from this address. Try later."
