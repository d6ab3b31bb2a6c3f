"""Retention (bewaartermijn): anonymising closed cases after the team's retention period.

Owns the RetentionRun record and the job that strips personal data from old closed
cases while keeping the figures reports need. See docs/handleiding/bewaartermijn.md
and docs/decisions/0006-retention-anonymise-in-place.md."""
