"""A case type that exists only in the tests: it proves that a type registered in the
settings gets a form, an API section, a history label and access filtering with no
change to the core."""
