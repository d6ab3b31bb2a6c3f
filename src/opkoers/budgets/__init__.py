"""Budgets: the maatwerkbudget. Budget requests on a case, the project leader's
decisions (four eyes), payments, the team's yearly pot and per-resident cap, the ledger
and its exports."""
