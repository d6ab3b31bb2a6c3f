"""Every write of the consent app, one typed function each, audited in the same
transaction: consent versions and their scan (consent.py), legal bases and their
request–approve–end workflow (legal_basis.py)."""

from opkoers.consent.services.consent import (
    attach_scan,
    max_scan_bytes,
    max_validity_days,
    record_consent,
    sniff_content_type,
    withdraw_consent,
)
from opkoers.consent.services.legal_basis import (
    approve_legal_basis,
    end_legal_basis,
    legal_basis_max_days,
    reject_legal_basis,
    request_legal_basis,
)

__all__ = [
    "approve_legal_basis",
    "attach_scan",
    "end_legal_basis",
    "legal_basis_max_days",
    "max_scan_bytes",
    "max_validity_days",
    "record_consent",
    "reject_legal_basis",
    "request_legal_basis",
    "sniff_content_type",
    "withdraw_consent",
]
