"""Writing the plain-language summary of a held conversation, with the readability
check that warns before saving (decision 0024)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opkoers.cases.access import CaseAccess
from opkoers.core.http import AuthenticatedRequest
from opkoers.meetings.forms import SummaryForm
from opkoers.meetings.models import Conversation, ConversationStatus, ConversationSummary
from opkoers.meetings.readability import Readability, check
from opkoers.meetings.selectors import conversation_with_summary
from opkoers.meetings.services.summaries import save_summary
from opkoers.meetings.summary_templates import starting_text
from opkoers.meetings.views._common import list_url, render_case_page, writer_access

PARTS = ConversationSummary.PARTS


def _render(
    request: AuthenticatedRequest,
    access: CaseAccess,
    conversation: Conversation,
    form: SummaryForm,
    *,
    checks: dict[str, Readability] | None = None,
) -> HttpResponse:
    warnings = {k: r for k, r in (checks or {}).items() if not r.ok}
    rows = [(form[part], warnings.get(part)) for part in PARTS]
    return render_case_page(
        request,
        access,
        "meetings/summary_form.html",
        {
            "form": form,
            "conversation": conversation,
            "rows": rows,
            "has_warnings": bool(warnings),
            "subpage": _("Samenvatting voor de inwoner"),
        },
        audit_code="meetings.summary.form",
        obj=conversation,
    )


def _with_template(conversation: Conversation, data: Any) -> SummaryForm:
    """The starting text fills only the parts that are still empty: nothing typed is
    replaced."""
    texts = starting_text(conversation.kind)
    initial = {part: data.get(part, "").strip() or texts[part] for part in PARTS}
    initial["version"] = data.get("version", "0")
    return SummaryForm(initial=initial)


@require_http_methods(["GET", "POST"])
def summary(request: AuthenticatedRequest, case_id: UUID, conversation_id: UUID) -> HttpResponse:
    access = writer_access(request, case_id)
    case = access.case
    conversation = conversation_with_summary(case, conversation_id)
    if conversation is None:
        raise Http404
    if conversation.status != ConversationStatus.HELD:
        messages.info(request, _("Een samenvatting schrijft u nadat het gesprek is vastgelegd."))
        return redirect(list_url(case, f"gesprek-{conversation.pk}"))
    stored = getattr(conversation, "summary", None)
    if request.method != "POST":
        initial: dict[str, Any] = {part: getattr(stored, part, "") for part in PARTS}
        initial["version"] = stored.version if stored else 0
        return _render(request, access, conversation, SummaryForm(initial=initial))
    action = request.POST.get("action", "save")
    if action == "template":
        return _render(request, access, conversation, _with_template(conversation, request.POST))
    form = SummaryForm(request.POST)
    if not form.is_valid():
        return _render(request, access, conversation, form)
    data = form.cleaned_data
    checks = {part: check(data[part]) for part in PARTS}
    if action != "confirm" and any(not r.ok for r in checks.values()):
        return _render(request, access, conversation, form, checks=checks)
    try:
        save_summary(
            conversation=conversation,
            by=request.user,
            discussed=data["discussed"],
            agreed=data["agreed"],
            tasks=data["tasks"],
            next_appointment=data["next_appointment"],
            version=data["version"],
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _render(request, access, conversation, form, checks=checks)
    messages.success(request, _("De samenvatting voor de inwoner is opgeslagen."))
    return redirect(list_url(case, f"gesprek-{conversation.pk}"))
