"""Mental health: the clinical presentation and the Right Care, Right Person decision."""
