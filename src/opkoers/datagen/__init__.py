"""Fictional data at national scale for `make bench` (`manage.py generate_data`); the
generator is in `generator.py`. Refused in production."""
