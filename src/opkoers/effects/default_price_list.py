"""The default price list: loaded once by migration 0002, then kept by the functional
admin. Every price is an INDICATIVE estimate. The source names the kind of public
source the figure is of the order of (and its year); it is not a precise citation.
A municipality replaces these with its own figures (docs/handleiding/effectencalculator.md).

Stored data, not UI text: the names stay Dutch in every language.

FROZEN: migration 0002 imports this module, so an edit here would change what a fresh
`migrate` loads while existing installations keep the old list, and the two would
silently differ. Do not edit; a new or changed default price is a new data migration
that carries its own figures."""

from __future__ import annotations

from decimal import Decimal

YEAR = 2023
NOTE = "Indicatieve schatting; vervang door een lokaal of actueel bedrag."

MKBA = "Landelijke prijslijst sociaal domein / kengetallen MKBA sociaal domein (indicatief)"
LOCAL_RATE = "Lokaal uurtarief professional sociaal domein (instelbaar; indicatief)"
UWV = "UWV-tarieven en -kostprijzen voor re-integratie en beoordeling (indicatief)"
HEALTH = "NZa-tarieven en kostenhandleiding economische evaluaties in de zorg (indicatief)"
EVICTION = "Kostenstudies naar huisuitzettingen door woningcorporaties (indicatief)"
DEBT = "Nibud / kostenstudies schuldhulpverlening en incasso (indicatief)"
BENEFIT = "Normbedragen Participatiewet, Rijksoverheid (indicatief, alleenstaande)"
SCHOOL = "CPB / studies naar de kosten van voortijdig schoolverlaten (indicatief)"
SHELTER = "Kostprijzen maatschappelijke opvang centrumgemeenten (indicatief)"

# name, unit, price, payer, source, explanation
ITEMS: list[tuple[str, str, Decimal, str, str, str]] = [
    # --- what Op Koers does (intervention) ---
    (
        "Uur professional (teamtijd)",
        "per uur",
        Decimal("75.00"),
        "gemeente",
        LOCAL_RATE,
        "Het uurtarief voor tijd van een professional aan tafel, voorbereiding en "
        "nabellen. Pas de prijs aan naar het eigen tarief; zo stelt u het uurtarief in.",
    ),
    (
        "Tolk of vertaling (GGD)",
        "per uur",
        Decimal("65.00"),
        "gemeente",
        MKBA,
        "Tolk- of vertaalinzet bij gesprekken.",
    ),
    (
        "Gebarentolk",
        "per uur",
        Decimal("70.00"),
        "uwv",
        UWV,
        "Tolkvoorziening voor doven en slechthorenden.",
    ),
    (
        "Jobcoach (begeleiding bij werk)",
        "per uur",
        Decimal("80.00"),
        "uwv",
        UWV,
        "Jobcoaching, ook voor mensen met een auditieve beperking.",
    ),
    (
        "Cursus Nederlandse Gebarentaal",
        "per cursus",
        Decimal("1200.00"),
        "gemeente",
        MKBA,
        "Een basiscursus NGT voor de inwoner.",
    ),
    (
        "Aanvraag uitkering (behandeling)",
        "per keer",
        Decimal("600.00"),
        "gemeente",
        MKBA,
        "Behandelen van een aanvraag levensonderhoud door de sociale dienst.",
    ),
    (
        "Financieel overzicht en stabilisatie",
        "per keer",
        Decimal("750.00"),
        "gemeente",
        DEBT,
        "Alle schulden en post in kaart brengen, vaste lasten stabiliseren.",
    ),
    (
        "Schuldhulpverleningstraject",
        "per traject",
        Decimal("3000.00"),
        "gemeente",
        DEBT,
        "Minnelijk schuldhulpverleningstraject.",
    ),
    (
        "Beoordeling arbeidsvermogen (UWV)",
        "per keer",
        Decimal("1000.00"),
        "uwv",
        UWV,
        "Beoordeling arbeidsvermogen door UWV.",
    ),
    (
        "Mantelzorgondersteuning",
        "per uur",
        Decimal("65.00"),
        "gemeente",
        MKBA,
        "Ondersteuning van een mantelzorger door een consulent (Wmo).",
    ),
    (
        "Maatwerkbudget Op Koers",
        "per euro",
        Decimal("1.00"),
        "gemeente",
        "Werkelijk uitgegeven bedrag (geen schatting)",
        "Vul als aantal het uitgegeven bedrag in euro's in.",
    ),
    (
        "Bijstandsuitkering",
        "per maand",
        Decimal("1300.00"),
        "gemeente",
        BENEFIT,
        "Uitkering levensonderhoud, inclusief uitvoeringskosten; op beide tijdlijnen te "
        "gebruiken (met Op Koers korter, zonder Op Koers langer).",
    ),
    # --- what would likely have happened without it (reference) ---
    (
        "Huisuitzetting (kosten woningcorporatie)",
        "per keer",
        Decimal("8000.00"),
        "woningcorporatie",
        EVICTION,
        "Proceskosten, deurwaarder, leegstand en afgeboekte huurachterstand.",
    ),
    (
        "Huurachterstand die niet wordt terugbetaald",
        "per maand huur",
        Decimal("700.00"),
        "woningcorporatie",
        EVICTION,
        "Een maand huur die de corporatie afboekt.",
    ),
    (
        "Maatschappelijke opvang / nachtopvang",
        "per maand",
        Decimal("3000.00"),
        "gemeente",
        SHELTER,
        "Een maand opvang na verlies van de woning.",
    ),
    (
        "Incasso- en gerechtskosten",
        "per vordering",
        Decimal("400.00"),
        "inwoner",
        DEBT,
        "Kosten die bij een onbetaalde rekening bovenop de schuld komen.",
    ),
    (
        "Crisisopvang GGZ",
        "per dag",
        Decimal("650.00"),
        "zorgverzekeraar",
        HEALTH,
        "Een dag crisisopname of -opvang in de GGZ.",
    ),
    (
        "Ziekenhuisopname (ontregelde diabetes)",
        "per opname",
        Decimal("3500.00"),
        "zorgverzekeraar",
        HEALTH,
        "Een korte opname door een slecht ingestelde chronische ziekte.",
    ),
    (
        "Spoedeisende hulp",
        "per bezoek",
        Decimal("300.00"),
        "zorgverzekeraar",
        HEALTH,
        "Een bezoek aan de spoedeisende hulp.",
    ),
    (
        "Respijtzorg voor een overbelaste mantelzorger",
        "per dag",
        Decimal("150.00"),
        "gemeente",
        MKBA,
        "Vervangende zorg zodat de mantelzorger kan bijkomen (Wmo).",
    ),
    (
        "Voortijdig schoolverlaten",
        "per jongere per jaar",
        Decimal("10000.00"),
        "rijk",
        SCHOOL,
        "Maatschappelijke kosten per jaar van een jongere zonder startkwalificatie.",
    ),
    (
        "Re-integratietraject (UWV)",
        "per traject",
        Decimal("4000.00"),
        "uwv",
        UWV,
        "Een regulier re-integratietraject als de gewone route wordt gevolgd.",
    ),
]


def default_items() -> list[dict[str, object]]:
    return [
        {
            "name": name,
            "unit": unit,
            "price": price,
            "payer": payer,
            "source": source,
            "year": YEAR,
            # The tailored budget is the amount really spent, not an estimate.
            "explanation": explanation if price == Decimal("1.00") else f"{explanation} {NOTE}",
        }
        for name, unit, price, payer, source, explanation in ITEMS
    ]
