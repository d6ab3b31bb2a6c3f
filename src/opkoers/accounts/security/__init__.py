"""Staff login hardening on well-kept libraries: the key ring that encrypts authenticator
secrets (cryptography's Fernet), and the glue for django-axes' lockout. The second factor
itself is django-otp (accounts.models.TotpDevice). See docs/decisions/0018."""
