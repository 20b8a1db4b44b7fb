"""Missing persons: the APP risk grade, last sighting, return and return interview."""
