"""Consent (toestemming) and the checks built on it.

One consent per resident, kept as numbered versions (a change makes a new version, the
history stays). A professional sees a case's personal data only when their organisation
is covered by the resident's current, valid consent (at most two years), or when an
approved, current legal basis from the statutory list (legal_bases.py) applies to their
organisation on that case: requested by one person, decided by a second. See
docs/decisions/0007-consent-enforcement.md and 0019-legal-basis-workflow.md.

Consent imports nothing from cases: it knows a case by the lazy reference "cases.Case"
and the ConsentCase protocol (case.py). The case's consent pages, which reach the case
through cases.access, live in cases/views/consent.py (decision 0021)."""
