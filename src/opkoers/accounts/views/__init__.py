"""Account views: signing in and out, one's own password, and the management pages
of the functional admin (one module per kind of thing managed)."""
