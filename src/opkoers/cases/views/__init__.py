"""Case views, one module per page group."""
