"""The calculator's arithmetic and rules, through the services."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from opkoers.audit.models import AuditEvent
from opkoers.effects.models import Payer, Timeline, TimelineEntry
from opkoers.effects.selectors import case_comparison, case_effects
from opkoers.effects.services import add_entry, remove_entry, update_entry, update_price_item
from opkoers.effects.services.price_list import PriceItemInput
from opkoers.effects.tests.conftest import close

IN, REF = Timeline.INTERVENTION, Timeline.REFERENCE


def _add(case, by, item, quantity, timeline=IN, **kw):
    return add_entry(
        case=case, by=by, timeline=timeline, price_item=item, quantity=Decimal(quantity), **kw
    )


def test_totals_difference_and_payers(case, member, hour, eviction, crisis_day):
    _add(case, member, hour, "10")
    _add(case, member, hour, "1.5", payer=Payer.UWV)
    _add(case, member, eviction, "1", timeline=REF)
    _add(case, member, crisis_day, "3", timeline=REF)
    comparison = case_comparison(case)
    assert comparison.intervention == Decimal("862.50")
    assert comparison.reference == Decimal("9950.30")
    assert comparison.difference == Decimal("9087.80")
    rows = {r.payer: (r.intervention, r.reference, r.difference) for r in comparison.rows}
    assert rows == {
        Payer.MUNICIPALITY: (Decimal("750.00"), Decimal("0"), Decimal("-750.00")),
        Payer.HOUSING: (Decimal("0"), Decimal("8000.00"), Decimal("8000.00")),
        Payer.HEALTH_INSURER: (Decimal("0"), Decimal("1950.30"), Decimal("1950.30")),
        Payer.UWV: (Decimal("112.50"), Decimal("0"), Decimal("-112.50")),
    }
    # Payers in a fixed order, the order of the choices.
    assert [r.payer for r in comparison.rows] == [
        "gemeente",
        "woningcorporatie",
        "zorgverzekeraar",
        "uwv",
    ]


def test_amounts_are_exact_decimals(case, member, crisis_day):
    for _ in range(10):
        _add(case, member, crisis_day, "0.1", timeline=REF)
    total = case_comparison(case).reference
    assert isinstance(total, Decimal)
    # 10 × round(0.1 × 650.10 = 65.01) = 650.10 exactly, not 650.0999999.
    assert total == Decimal("650.10")
    assert str(total) == "650.10"


def test_amount_rounds_half_up_to_cents(case, member, crisis_day):
    entry = _add(case, member, crisis_day, "0.05")  # 32.505 → 32.51
    assert entry.amount == Decimal("32.51")


def test_price_edit_does_not_change_history(case, member, hour, functional_admin):
    entry = _add(case, member, hour, "2")
    update_price_item(
        by=functional_admin,
        item=hour,
        data=PriceItemInput(
            name=hour.name,
            unit=hour.unit,
            price=Decimal("99.00"),
            payer=Payer.UWV,
            source=hour.source,
            year=2024,
        ),
    )
    entry.refresh_from_db()
    assert (entry.unit_price, entry.amount, entry.payer) == (
        Decimal("75.00"),
        Decimal("150.00"),
        Payer.MUNICIPALITY,
    )
    newer = _add(case, member, hour, "2")
    assert (newer.unit_price, newer.amount, newer.payer) == (
        Decimal("99.00"),
        Decimal("198.00"),
        Payer.UWV,
    )
    assert case_comparison(case).intervention == Decimal("348.00")


def test_changing_a_line_keeps_its_price_and_recomputes_the_amount(
    case, member, hour, functional_admin
):
    entry = _add(case, member, hour, "2")
    update_price_item(
        by=functional_admin,
        item=hour,
        data=PriceItemInput(
            name=hour.name,
            unit=hour.unit,
            price=Decimal("99.00"),
            payer=hour.payer,
            source=hour.source,
            year=2024,
        ),
    )

    changed = update_entry(
        entry=entry,
        by=member,
        quantity=Decimal("3.5"),
        payer=Payer.UWV,
        description="  Drie gesprekken en een half  ",
    )

    assert (changed.unit_price, changed.amount, changed.payer) == (
        Decimal("75.00"),
        Decimal("262.50"),
        Payer.UWV,
    )
    assert changed.description == "Drie gesprekken en een half"
    event = AuditEvent.objects.get(code="effects.entry.update")
    assert event.detail["before"] == "150.00" and event.detail["amount"] == "262.50"
    with pytest.raises(ValidationError):
        update_entry(entry=entry, by=member, quantity=Decimal("0"))
    with pytest.raises(PermissionDenied):
        update_entry(entry=entry, by=functional_admin, quantity=Decimal("1"))
    remove_entry(entry=entry, by=member)
    with pytest.raises(ValidationError):  # removed a moment ago
        update_entry(entry=entry, by=member, quantity=Decimal("1"))


def test_every_write_is_audited(case, member, hour):
    entry = _add(case, member, hour, "1")
    remove_entry(entry=entry, by=member)
    codes = list(
        AuditEvent.objects.filter(case_id=case.pk).values_list("code", flat=True).order_by("id")
    )
    assert codes[-2:] == ["effects.entry.create", "effects.entry.delete"]
    assert not TimelineEntry.objects.filter(case=case).exists()


def test_removing_twice_is_harmless(case, member, hour):
    entry = _add(case, member, hour, "1")
    remove_entry(entry=entry, by=member)
    remove_entry(entry=entry, by=member)
    assert AuditEvent.objects.filter(code="effects.entry.delete").count() == 1


@pytest.mark.parametrize("quantity", ["0", "-1", "10000000"])
def test_bad_quantity_is_refused(case, member, hour, quantity):
    with pytest.raises(ValidationError) as exc:
        _add(case, member, hour, quantity)
    assert "quantity" in exc.value.message_dict


def test_bad_timeline_and_payer_are_refused(case, member, hour):
    with pytest.raises(ValidationError) as exc:
        add_entry(
            case=case, by=member, timeline="x", price_item=hour, quantity=Decimal(1), payer="y"
        )
    assert {"timeline", "payer"} <= set(exc.value.message_dict)


def test_inactive_item_is_refused(case, member, hour):
    hour.active = False
    hour.save()
    with pytest.raises(ValidationError):
        _add(case, member, hour, "1")


@pytest.mark.security
def test_colleague_not_at_the_table_cannot_write(case, colleague, hour):
    with pytest.raises(PermissionDenied):
        _add(case, colleague, hour, "1")


@pytest.mark.security
def test_project_leader_reads_along_but_does_not_write(case, project_leader, hour):
    with pytest.raises(PermissionDenied):
        _add(case, project_leader, hour, "1")


@pytest.mark.security
def test_policy_staff_and_admin_cannot_write(case, policy_staff, functional_admin, hour):
    for user in (policy_staff, functional_admin):
        with pytest.raises(PermissionDenied):
            _add(case, user, hour, "1")


def test_closed_case_still_takes_entries(case, member, hour):
    """The reference is often only filled in at the evaluation (decision record 0013)."""
    close(case)
    assert _add(case, member, hour, "1").pk


@pytest.mark.security
def test_anonymised_case_is_read_only(case, member, hour):
    close(case)
    case.anonymised_at = timezone.now()
    case.save(update_fields=["anonymised_at"])
    with pytest.raises(PermissionDenied):
        _add(case, member, hour, "1")


def test_case_effects_splits_timelines_and_lists_assumptions(case, member, hour, eviction):
    _add(case, member, hour, "1")
    _add(case, member, eviction, "1", timeline=REF)
    _add(case, member, hour, "2", timeline=REF)
    effects = case_effects(case)
    assert [e.price_item for e in effects.intervention] == [hour]
    assert {e.price_item for e in effects.reference} == {hour, eviction}
    assert effects.items_used == sorted([hour, eviction], key=lambda i: i.name)
