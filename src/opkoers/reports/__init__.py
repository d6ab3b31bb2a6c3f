"""Reports: the factsheet and dashboard, effect measurement, and their exports (PDF,
CSV, XLSX). Owns no domain models: every figure is an aggregate query over the other
apps' tables (see selectors/), suppressed for policy staff (see figures.py)."""
