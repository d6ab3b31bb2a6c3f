"""Consent (toestemming) and the checks built on it.

One consent per resident, kept as numbered versions (a change makes a new version, the
history stays). A professional sees a case's personal data only when their organisation
is covered by the resident's current, valid consent, or when a legal basis is recorded
for their organisation on that case. See docs/decisions/0007-consent-enforcement.md."""
