"""`make bench`: the benchmark at national scale (issue 6). Entry point: bench/run.py."""
