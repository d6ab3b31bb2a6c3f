"""Every audit code there is, with the Dutch label a person sees instead of the code.

`record()` refuses a code that is not here (ValueError), so a new audited act cannot
ship without a label; `label_for()` is what pages, exports and the privacy officer's
console show. Codes are never renamed: old rows keep theirs (docs/decisions/0005).
The English translations live in locale/en/LC_MESSAGES/django.po.
"""

from __future__ import annotations

from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class AuditCode(NamedTuple):
    code: str
    label: Promise


_CODES = (
    # Accounts, login and administration
    AuditCode("accounts.login", _("Ingelogd")),
    AuditCode("accounts.login.locked", _("Inloggen geweigerd: account geblokkeerd")),
    AuditCode("auth.login_failed", _("Inloggen mislukt")),
    AuditCode("auth.lockout", _("Account tijdelijk geblokkeerd")),
    AuditCode("accounts.password.change", _("Wachtwoord gewijzigd")),
    AuditCode("accounts.mfa.enrolled", _("Tweede factor ingesteld")),
    AuditCode("accounts.mfa.verified", _("Tweede factor gecontroleerd")),
    AuditCode("accounts.mfa.reset", _("Tweede factor opnieuw ingesteld")),
    AuditCode("accounts.user.create", _("Gebruiker aangemaakt")),
    AuditCode("accounts.user.update", _("Gebruiker gewijzigd")),
    AuditCode("accounts.user.password_reset", _("Wachtwoord van gebruiker hersteld")),
    AuditCode("accounts.invitation.create", _("Uitnodiging verstuurd")),
    AuditCode("accounts.invitation.accept", _("Uitnodiging aanvaard")),
    AuditCode("accounts.organisation.create", _("Organisatie aangemaakt")),
    AuditCode("accounts.organisation.update", _("Organisatie gewijzigd")),
    AuditCode("accounts.team.create", _("Team aangemaakt")),
    AuditCode("accounts.team.update", _("Team gewijzigd")),
    AuditCode("accounts.membership.add", _("Teamlid toegevoegd")),
    AuditCode("accounts.membership.remove", _("Teamlid verwijderd")),
    AuditCode("accounts.result_kind.create", _("Soort resultaat aangemaakt")),
    AuditCode("accounts.result_kind.update", _("Soort resultaat gewijzigd")),
    # Audit and privacy
    AuditCode("audit.break_glass", _("Noodtoegang geopend")),
    AuditCode("audit.log.search", _("Auditlog doorzocht")),
    AuditCode("audit.resident_overview.view", _("Overzicht voor de inwoner bekeken")),
    AuditCode("audit.resident_overview.export", _("Overzicht voor de inwoner gedownload")),
    AuditCode("audit.resident_overview.pdf", _("Overzicht voor de inwoner gedownload (pdf)")),
    AuditCode("privacy.verify", _("Controle van de auditketen gestart")),
    AuditCode("privacy.audit_export", _("Auditlog geëxporteerd")),
    AuditCode("privacy.login_failures.view", _("Mislukte inlogpogingen en blokkades bekeken")),
    AuditCode("breakglass.open", _("Noodtoegang geopend")),
    AuditCode("breakglass.review", _("Noodtoegang beoordeeld")),
    AuditCode("breakglass.list", _("Lijst van noodtoegang bekeken")),
    AuditCode("breakglass.refused", _("Wijziging tijdens noodtoegang geweigerd")),
    # Cases
    AuditCode("case.view", _("Traject ingezien")),
    AuditCode("case.list", _("Verschenen in een lijst")),
    AuditCode("case.search", _("Gevonden bij zoeken")),
    AuditCode("case.export", _("Opgenomen in een export")),
    AuditCode("case.worklist", _("Werkvoorraad bekeken")),
    AuditCode("case.register", _("Aanmelding geregistreerd")),
    AuditCode("case.self_register", _("Zelfaanmelding via het openbare formulier")),
    AuditCode("case.duplicate_flag", _("Mogelijke dubbele aanmelding gemarkeerd")),
    AuditCode("case.restricted", _("Beperkt traject geopend")),
    AuditCode("case.intake.view", _("Intake ingezien")),
    AuditCode("case.intake.save", _("Intake opgeslagen")),
    AuditCode("case.domain.add", _("Leefgebied toegevoegd")),
    AuditCode("case.transition", _("Stap in het traject gewijzigd")),
    AuditCode("case.overleg", _("Overleg ingezien")),
    AuditCode("case.team.view", _("Casusteam ingezien")),
    AuditCode("case.team.add", _("Lid van het casusteam toegevoegd")),
    AuditCode("case.team.update", _("Lid van het casusteam gewijzigd")),
    AuditCode("case.team.remove", _("Lid van het casusteam verwijderd")),
    AuditCode("case.team.contact", _("Contactpersoon gewijzigd")),
    AuditCode("case.closing.view", _("Afronding ingezien")),
    AuditCode("case.closing.save", _("Afronding opgeslagen")),
    AuditCode("case.stop_early", _("Traject voortijdig gestopt")),
    AuditCode("case.reopen", _("Traject heropend")),
    AuditCode("case.effect", _("Effecten van het traject ingezien")),
    # Residents
    AuditCode("resident.update", _("Gegevens van de inwoner gewijzigd")),
    AuditCode("resident.edit.view", _("Gegevens van de inwoner ingezien")),
    AuditCode("resident.network.view", _("Netwerk van de inwoner ingezien")),
    AuditCode("resident.network.add", _("Persoon uit het netwerk toegevoegd")),
    AuditCode("resident.network.remove", _("Persoon uit het netwerk verwijderd")),
    AuditCode("resident.communication_need.add", _("Communicatiebehoefte toegevoegd")),
    AuditCode("resident.communication_need.remove", _("Communicatiebehoefte verwijderd")),
    # Consent and legal bases
    AuditCode("consent.view", _("Toestemming ingezien")),
    AuditCode("consent.record", _("Toestemming vastgelegd")),
    AuditCode("consent.withdraw", _("Toestemming ingetrokken")),
    AuditCode("consent.form_pdf", _("Toestemmingsformulier gedownload")),
    AuditCode("consent.scan_upload", _("Scan van toestemming toegevoegd")),
    AuditCode("consent.scan_download", _("Scan van toestemming gedownload")),
    AuditCode("consent.legal_basis", _("Wettelijke grondslag vastgelegd")),
    AuditCode("consent.legal_basis.request", _("Wettelijke grondslag aangevraagd")),
    AuditCode("consent.legal_basis.approve", _("Wettelijke grondslag goedgekeurd")),
    AuditCode("consent.legal_basis.reject", _("Wettelijke grondslag afgewezen")),
    AuditCode("consent.legal_basis.end", _("Wettelijke grondslag beëindigd")),
    AuditCode("consent.legal_basis.queue", _("Wachtrij wettelijke grondslagen bekeken")),
    # Meetings
    AuditCode("meetings.list", _("Gesprekken bekeken")),
    AuditCode("meetings.plan.form", _("Gesprek plannen geopend")),
    AuditCode("meetings.record.form", _("Verslag van gesprek geopend")),
    AuditCode("meetings.cancel.form", _("Gesprek afzeggen geopend")),
    AuditCode("meetings.conversation.plan", _("Gesprek gepland")),
    AuditCode("meetings.conversation.update", _("Gesprek gewijzigd")),
    AuditCode("meetings.conversation.cancel", _("Gesprek afgezegd")),
    AuditCode("meetings.conversation.record", _("Verslag van gesprek vastgelegd")),
    AuditCode("meetings.conversation.report_update", _("Verslag van gesprek gewijzigd")),
    AuditCode("meetings.summary.form", _("Samenvatting voor de inwoner geopend")),
    AuditCode("meetings.summary.save", _("Samenvatting voor de inwoner opgeslagen")),
    AuditCode("meetings.followup.view", _("Nabelafspraak ingezien")),
    AuditCode("meetings.followup.schedule", _("Nabelafspraak gepland")),
    AuditCode("meetings.followup.change", _("Nabelafspraak gewijzigd")),
    AuditCode("meetings.followup.outcome", _("Uitkomst van nabellen vastgelegd")),
    # Plans
    AuditCode("plan.view", _("Samen1plan ingezien")),
    AuditCode("plan.pdf", _("Samen1plan gedownload")),
    AuditCode("plan.agree", _("Samen1plan afgesproken")),
    AuditCode("plan.goal.form", _("Doel bewerken geopend")),
    AuditCode("plan.goal.create", _("Doel toegevoegd")),
    AuditCode("plan.goal.update", _("Doel gewijzigd")),
    AuditCode("plan.goal.move", _("Volgorde van doelen gewijzigd")),
    AuditCode("plan.goal.drop", _("Doel vervallen")),
    AuditCode("plan.goal.restore", _("Doel hersteld")),
    AuditCode("plan.action.form", _("Actie bewerken geopend")),
    AuditCode("plan.action.create", _("Actie toegevoegd")),
    AuditCode("plan.action.update", _("Actie gewijzigd")),
    AuditCode("plan.action.status", _("Status van actie gewijzigd")),
    # Budgets
    AuditCode("budget.view", _("Maatwerkbudget ingezien")),
    AuditCode("budget.overview", _("Budgetoverzicht bekeken")),
    AuditCode("budget.queue", _("Budgetaanvragen ter beoordeling bekeken")),
    AuditCode("budget.ledger", _("Budgetadministratie bekeken")),
    AuditCode("budget.ledger.export", _("Budgetadministratie geëxporteerd")),
    AuditCode("budget.pot.set", _("Budgetpot vastgesteld")),
    AuditCode("budget.cap.set", _("Budgetplafond vastgesteld")),
    AuditCode("budget.request.form", _("Budgetaanvraag geopend")),
    AuditCode("budget.request.create", _("Budgetaanvraag ingediend")),
    AuditCode("budget.request.update", _("Budgetaanvraag gewijzigd")),
    AuditCode("budget.request.withdraw", _("Budgetaanvraag ingetrokken")),
    AuditCode("budget.request.approve", _("Budgetaanvraag goedgekeurd")),
    AuditCode("budget.request.reject", _("Budgetaanvraag afgewezen")),
    AuditCode("budget.request.more_info", _("Meer informatie gevraagd bij budgetaanvraag")),
    AuditCode("budget.request.cancel", _("Goedkeuring van budgetaanvraag vervallen")),
    AuditCode("budget.request.pay", _("Budgetaanvraag betaald")),
    # Deviations
    AuditCode("deviation.view", _("Afwijking ingezien")),
    AuditCode("deviation.form", _("Afwijking aanvragen geopend")),
    AuditCode("deviation.register", _("Afwijkingenregister bekeken")),
    AuditCode("deviation.create", _("Afwijking aangevraagd")),
    AuditCode("deviation.approve", _("Afwijking goedgekeurd")),
    AuditCode("deviation.reject", _("Afwijking afgewezen")),
    AuditCode("deviation.rule.create", _("Regel voor afwijken toegevoegd")),
    AuditCode("deviation.policy.set", _("Beleid voor afwijken vastgesteld")),
    # Effects
    AuditCode("effects.view", _("Effectberekening ingezien")),
    AuditCode("effects.entry.create", _("Regel in effectberekening toegevoegd")),
    AuditCode("effects.entry.update", _("Regel in effectberekening gewijzigd")),
    AuditCode("effects.entry.delete", _("Regel in effectberekening verwijderd")),
    AuditCode("effects.entry.propose", _("Effectberekening voorgesteld")),
    AuditCode("effects.price.create", _("Prijs toegevoegd")),
    AuditCode("effects.price.update", _("Prijs gewijzigd")),
    # Reports and retention
    AuditCode("reports.factsheet", _("Factsheet bekeken")),
    AuditCode("reports.factsheet.pdf", _("Factsheet gedownload (pdf)")),
    AuditCode("reports.factsheet.csv", _("Factsheet gedownload (csv)")),
    AuditCode("reports.factsheet.xlsx", _("Factsheet gedownload (Excel)")),
    AuditCode("retention.anonymise", _("Gegevens geanonimiseerd na bewaartermijn")),
    AuditCode("retention.dry_run", _("Proefdraai van de bewaartermijn gestart")),
)

CODES: dict[str, AuditCode] = {entry.code: entry for entry in _CODES}
if len(CODES) != len(_CODES):  # pragma: no cover - a duplicate is a typo in this file
    raise RuntimeError("audit/codes.py: a code is listed twice")


def is_known(code: str) -> bool:
    return code in CODES


def label_for(code: str) -> str:
    """The Dutch (or, in English, translated) label of a code. A code this version does
    not know (a row from an older version whose code was retired) shows as itself
    rather than disappearing."""
    entry = CODES.get(code)
    return str(entry.label) if entry is not None else code


def choices() -> list[tuple[str, str]]:
    """For a select field: every code with its label, sorted by label."""
    return sorted(((e.code, str(e.label)) for e in _CODES), key=lambda pair: pair[1])
