"""Any other concern: a case with no details of its own (public reports start here)."""
