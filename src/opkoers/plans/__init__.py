"""Plans: the Samen1plan of a case: goals per life domain in the resident's order of
priority, and actions for everyone involved."""
