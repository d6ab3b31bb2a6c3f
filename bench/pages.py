"""What the benchmark measures: one small table. A renamed URL, a changed query
parameter or a new page is a one-line change here.

Pages are found by URL name, reversed in-process; a name that does not resolve is
reported as "not built yet" rather than silently left out."""

from __future__ import annotations

from dataclasses import dataclass, field

# The form of plans:action_add (plans/forms.py ActionForm). The runner adds the CSRF
# token and a fresh submission_token per request; "inwoner" (the resident) is always a
# valid owner. The description marks the rows the runner removes afterwards.
BENCH_ACTION_MARK = "Benchmeting:"
ADD_ACTION_FORM = {
    "description": f"{BENCH_ACTION_MARK} afspraak maken met de woningcorporatie.",
    "owner": "inwoner",
    "goal": "",
    "due_date": "",
}


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str
    url_name: str
    # Which sampled case the URL takes as case_id: "" (none), "read", "plan" or "write".
    case: str = ""
    params: dict[str, str] = field(default_factory=dict)  # "{search}" is filled in
    method: str = "GET"
    form: dict[str, str] = field(default_factory=dict)
    expect_status: int = 200
    p95_target_ms: float | None = None
    baseline: str | None = None  # key in bench.baseline.BASELINES; gets the same params
    missing_note: str = ""


PAGES: tuple[PageSpec, ...] = (
    PageSpec("werkvoorraad", "Werkvoorraad", "cases:worklist", p95_target_ms=80),
    # The overleg agenda left the werkvoorraad for its own page (docs/decisions/0014).
    PageSpec("overleg", "Agenda teamoverleg", "cases:overleg"),
    PageSpec("case_list", "Trajectenlijst", "cases:list", p95_target_ms=80, baseline="case_list"),
    PageSpec(
        "case_list_filtered",
        "Trajectenlijst: stap + leefgebied",
        "cases:list",
        params={"status": "lopend", "domain": "financien"},
        p95_target_ms=80,
        baseline="case_list",
    ),
    PageSpec(
        "case_list_search",
        "Trajectenlijst: zoeken op naam",
        "cases:list",
        params={"q": "{search}"},
        p95_target_ms=80,
        baseline="case_list",
    ),
    PageSpec(
        "case_page",
        "Traject (casuspagina)",
        "cases:detail",
        case="read",
        p95_target_ms=100,
        baseline="case_page",
    ),
    PageSpec("plan_page", "Samen1plan", "plans:detail", case="plan"),
    # The bench user's own team, this calendar year (the dashboard's default period).
    PageSpec("factsheet", "Factsheet", "reports:dashboard", p95_target_ms=500),
    PageSpec(
        "add_action",
        "Actie toevoegen (POST)",
        "plans:action_add",
        case="write",
        method="POST",
        form=ADD_ACTION_FORM,
        expect_status=302,
        p95_target_ms=150,
    ),
)
