"""Audit: the append-only log of who read, searched, exported or changed what, and why.
It is the only writer of audit rows; every service records its event through
`opkoers.audit.services.record` inside its own transaction."""
