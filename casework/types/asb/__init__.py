"""Anti-social behaviour: the category and the victim risk questionnaire."""
