"""Dependency direction between apps: cases depends on consent, residents and audit,
never the other way round (issue 11; docs/decisions/0021). These apps know a case only
by the lazy model reference "cases.Case" (a ForeignKey string, `apps.get_model`) and by
the protocol consent/case.py describes; they import nothing from `opkoers.cases`.

Every import counts, wherever it stands: at module level, inside a function, and under
`if TYPE_CHECKING:` too (a type-only import is still a dependency a reader has to follow,
and none is needed). Tests are exempt: they build cases with the cases factories."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

SOURCE = Path(settings.BASE_DIR)
FORBIDDEN = "opkoers.cases"
# The apps that must not depend on cases.
INDEPENDENT_OF_CASES = ("consent", "residents", "audit")
IMPORTERS = {"import_module", "__import__"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_forbidden(module: str) -> bool:
    return module == FORBIDDEN or module.startswith(FORBIDDEN + ".")


def _resolve(node: ast.ImportFrom, module_name: str, is_package: bool) -> str:
    """The absolute module of `from ... import`, relative imports included."""
    if node.level == 0:
        return node.module or ""
    package = module_name.split(".")
    if not is_package:
        package.pop()
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def forbidden_imports(source: str, module_name: str, is_package: bool = False) -> list[str]:
    """Each import of opkoers.cases in `source`, as 'line N: what'."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {a.name}" for a in node.names if _is_forbidden(a.name)
            ]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node, module_name, is_package)
            # `from opkoers import cases` names the module in the imported names.
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
            if any(_is_forbidden(t) for t in targets):
                names = ", ".join(a.name for a in node.names)
                found.append(f"line {node.lineno}: from {base} import {names}")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if (
                name in IMPORTERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and _is_forbidden(node.args[0].value)
            ):
                found.append(f"line {node.lineno}: {name}({node.args[0].value!r})")
    return found


def _modules(app: str) -> list[Path]:
    return sorted(p for p in (SOURCE / app).rglob("*.py") if "tests" not in p.parts)


@pytest.mark.parametrize("app", INDEPENDENT_OF_CASES)
def test_app_imports_nothing_from_cases(app: str) -> None:
    modules = _modules(app)
    assert len(modules) >= 5  # the scan finds the app's modules
    offences = {
        str(path.relative_to(SOURCE)): hits
        for path in modules
        if (
            hits := forbidden_imports(
                path.read_text(encoding="utf-8"),
                _module_name(path),
                is_package=path.name == "__init__.py",
            )
        )
    }
    assert not offences, (
        f"{app} must not import opkoers.cases (cases depends on {app}): refer to the "
        'case lazily ("cases.Case", apps.get_model) or take it as an argument typed with '
        f"a protocol, and move case-scoped views to cases. Found: {offences}"
    )


@pytest.mark.parametrize(
    "source",
    [
        "import opkoers.cases",
        "import opkoers.cases.models as m",
        "from opkoers.cases.models import Case",
        "from opkoers.cases import access",
        "from opkoers import cases",
        "from ..cases.access import To",
        "from .. import cases",
        "if TYPE_CHECKING:\n    from opkoers.cases.models import Case",
        "def f():\n    from opkoers.cases.models import Case",
        "import importlib\nimportlib.import_module('opkoers.cases.models')",
    ],
)
def test_the_check_sees_every_form_of_import(source: str) -> None:
    assert forbidden_imports(source, "opkoers.consent.views")


@pytest.mark.parametrize(
    "source",
    [
        "from opkoers.casesx import y",
        "from opkoers.consent.case import ConsentCase",
        "from . import cases",  # opkoers.consent.cases, not the cases app
        'from django.apps import apps\napps.get_model("cases", "Case")',
        'from django.db import models\nmodels.ForeignKey("cases.Case", on_delete=models.CASCADE)',
    ],
)
def test_lazy_references_and_look_alikes_are_allowed(source: str) -> None:
    assert not forbidden_imports(source, "opkoers.consent.views")
