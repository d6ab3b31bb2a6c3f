"""Deviations: the register of motivated deviations (gemotiveerd afwijken) from rules
under the aldermen's mandate, the catalogue of rules, and the bottleneck overview for
policy staff."""
