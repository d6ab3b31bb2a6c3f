"""The privacy officer's side of the house: break-glass (emergency read access) and its
review, and the console where the privacy officer (FG) checks the audit trail."""
