"""Core: the abstract base model, the life-domain and participation vocabulary, the
guard against double submits, and the few template helpers every page uses."""
