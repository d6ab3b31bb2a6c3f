"""Login hardening: TOTP second factor, login throttling and the secret box for MFA
secrets. See docs/decisions/ for why each piece is built the way it is."""
