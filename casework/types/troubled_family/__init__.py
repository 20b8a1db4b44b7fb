"""Supporting families: the headline needs and the lead professional."""
