"""Effects: the effects calculator (effectencalculator). Owns the price list and, per
case, two timelines of priced entries: what happened with Op Koers (the intervention)
and what would likely have happened without it (the reference). Every figure is an
estimate; see docs/handleiding/effectencalculator.md."""
