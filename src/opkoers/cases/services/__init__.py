"""Every write to a case goes through a function here (one module per concern)."""
