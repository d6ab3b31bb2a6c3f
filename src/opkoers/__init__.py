"""Op Koers: the working environment of an integrated-access team."""
