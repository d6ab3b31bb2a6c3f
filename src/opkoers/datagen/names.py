"""Invented people and texts. Names are common Dutch first and last names combined at
random: no combination describes a real person, and none is taken from a real file."""

from __future__ import annotations

FIRST_NAMES = [
    "Anna",
    "Bram",
    "Celine",
    "Daan",
    "Esra",
    "Fatima",
    "Gijs",
    "Hanna",
    "Ilias",
    "Jasmijn",
    "Kees",
    "Lotte",
    "Mohamed",
    "Noor",
    "Olaf",
    "Priya",
    "Quinten",
    "Rosa",
    "Sem",
    "Tess",
    "Umar",
    "Vera",
    "Willem",
    "Yara",
    "Zeynep",
    "Bas",
    "Ilse",
    "Joris",
    "Mila",
    "Ruben",
    "Sanne",
    "Thijs",
    "Emma",
    "Luuk",
    "Sara",
    "Jesse",
    "Fleur",
    "Milan",
    "Lieke",
    "Noah",
    "Iris",
    "Youssef",
    "Maud",
    "Finn",
    "Amira",
    "Stijn",
    "Femke",
    "Lars",
    "Hatice",
    "Pieter",
    "Demi",
    "Koen",
    "Nadia",
    "Wouter",
    "Eva",
    "Gerrit",
    "Samira",
    "Tim",
    "Bianca",
    "Hamza",
]

LAST_NAMES = [
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Yilmaz",
    "El Amrani",
    "Kaya",
    "Martina",
    "Pinas",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Koster",
    "Prins",
    "Huisman",
    "Verbeek",
    "Kok",
    "Jacobs",
    "van den Berg",
    "Vermeulen",
    "Schouten",
    "Willems",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koç",
    "Bouzid",
    "Sedney",
    "Tahiri",
    "Nguyen",
    "Kowalski",
    "Autar",
    "Postma",
    "Kuipers",
    "van Wijk",
]

STREETS = [
    "Dorpsstraat",
    "Kerkstraat",
    "Molenweg",
    "Schoolstraat",
    "Stationsweg",
    "Beatrixlaan",
    "Julianastraat",
    "Lindelaan",
    "Eikenlaan",
    "Havenkade",
    "Marktplein",
    "Vaartsche Rijn",
    "Populierenlaan",
    "Zuidsingel",
]

CITIES = [
    "Voorbeeldstad",
    "Rivierdorp",
    "Nieuw-Oosterveld",
    "Zandhoven",
    "Bergwijk",
    "Lageweide",
    "Westerkoog",
]

RELATIONS = ("zus", "broer", "moeder", "vader", "buurvrouw", "vriend", "schuldhulpmaatje")

ROLES_ON_CASE = (
    "Consulent sociaal team",
    "Werkcoach",
    "Consulent inkomen",
    "Schuldhulpverlener",
    "Woonconsulent",
    "GGZ-behandelaar",
    "Maatschappelijk werker",
    "Jongerenwerker",
)

REASONS_STUCK = (
    "Van het kastje naar de muur gestuurd.",
    "Loketten verwijzen naar elkaar; niemand pakt het geheel op.",
    "Schulden, huisvesting en werk hangen samen en lopen vast.",
    "Regels van verschillende instanties botsen met elkaar.",
    "De inwoner haakt af bij elk nieuw loket.",
)

GOALS = {
    "financien": "Weer rust hebben over geld.",
    "werk_opleiding": "Een baan vinden die past.",
    "tijdsbesteding": "Elke week iets doen buiten de deur.",
    "huisvesting": "Een eigen woning waar ik kan blijven.",
    "huiselijke_relaties": "Goede afspraken over de kinderen.",
    "geestelijke_gezondheid": "Minder piekeren en beter slapen.",
    "lichamelijke_gezondheid": "Mijn behandeling weer oppakken.",
    "middelengebruik": "Minder drinken.",
    "basale_adl": "Zelf de dag weer kunnen doorkomen.",
    "instrumentele_adl": "Mijn post en afspraken zelf bijhouden.",
    "sociaal_netwerk": "Weer contact met mijn familie.",
    "maatschappelijke_participatie": "Meedoen in de buurt.",
    "justitie": "Mijn boete afbetalen zonder nieuwe problemen.",
}

ACTIONS = (
    "Aanvraag bijzondere bijstand indienen.",
    "Afspraak maken bij schuldhulp.",
    "Post van de afgelopen maand samen doorlopen.",
    "Bellen met de woningcorporatie over de huurachterstand.",
    "Urgentieaanvraag voorbereiden.",
    "Kennismaking met de werkcoach plannen.",
    "Huisarts vragen om een verwijzing.",
    "Overzicht maken van inkomsten en uitgaven.",
    "Betalingsregeling voorstellen aan de schuldeiser.",
    "Samen naar het inloopspreekuur gaan.",
)

NOTES = (
    "Goed gesprek; de inwoner voert zelf het woord over wat het belangrijkste is.",
    "Afspraken doorgenomen, twee acties afgerond.",
    "De inwoner maakt zich zorgen over de huur; extra aandacht voor woonlasten.",
)

# --- later features: consent, legal bases, budgets, deviations --------------------------

CONSENT_PURPOSES = (
    "Samen met de inwoner een Samen1plan maken en uitvoeren.",
    "Gegevens delen met de partners aan tafel om de schulden en het inkomen op orde te krijgen.",
    "Afstemmen tussen de betrokken organisaties, zodat de inwoner zijn verhaal één keer vertelt.",
    "Werk, inkomen en wonen in samenhang regelen met de organisaties aan tafel.",
)
WITNESSES = ("Fatima de Vries", "Kees Jansen", "Noor Bakker", "Ruben Visser")
# (statutory basis, motivation): see consent/legal_bases.py
LAWS = (
    ("wgs_schuldhulp", "Schuldhulp loopt; de schuldhulpverlener heeft de gegevens nodig."),
    ("participatiewet", "Aanvraag bijstand in behandeling bij de sociale dienst."),
    ("wmo_onderzoek", "Wmo-onderzoek naar ondersteuning thuis loopt."),
    ("wgs_vroegsignalering", "Signaal huurachterstand van de woningcorporatie."),
)
# purpose, payee, low and high amount in whole euros
BUDGET_ITEMS = (
    ("Achterstand energierekening betalen, zodat afsluiting wordt voorkomen",
     "Energieleverancier", 150, 1200),
    ("Borg voor een kamer", "Verhuurder", 400, 1500),
    ("Schoolspullen en sportkleding voor de kinderen", "Inwoner (op factuur)", 50, 300),
    ("Fiets om naar het werk te kunnen", "Fietsenwinkel", 150, 600),
    ("Rijlessen en CBR-examen voor een baan als bezorger", "Rijschool", 300, 2400),
    ("Kleine schuld aflossen om beslag op het loon te voorkomen", "Incassobureau", 200, 2500),
    ("Inrichting na verhuizing uit de opvang", "Kringloopwinkel", 250, 1500),
    ("Reiskosten naar de dagbesteding", "Vervoerder", 40, 400),
)  # fmt: skip
BREAKTHROUGHS = (
    "Zonder dit bedrag loopt het traject vast; met dit bedrag kan de inwoner verder.",
    "Dit voorkomt een huisuitzetting en daarmee veel hogere kosten.",
    "Hiermee kan de inwoner de baan aannemen die klaarligt.",
)
# name, regulation, article
RULES = (
    ("Wachttijd van vier weken voor een bijstandsaanvraag", "Participatiewet", "43"),
    ("Kostendelersnorm", "Participatiewet", "22a"),
    ("Geen urgentie bij een huurschuld", "Huisvestingsverordening", "2.5.3"),
    ("Zoekperiode voor jongeren onder de 27", "Participatiewet", "41"),
    ("Terugvordering bij te laat doorgegeven inkomsten", "Participatiewet", "58"),
    ("Geen schuldhulp na een recente fraudevordering",
     "Wet gemeentelijke schuldhulpverlening", "3"),
    ("Minimale inschrijfduur voor een sociale huurwoning", "Huisvestingsverordening", "2.6"),
    ("Eigen bijdrage bij een lopende schuldregeling",
     "Wet maatschappelijke ondersteuning 2015", "2.1.4"),
    ("Bijzondere bijstand eenmaal per jaar voor dezelfde kosten",
     "Beleidsregels bijzondere bijstand", "7"),
    ("Briefadres alleen met een vaste verblijfplaats", "Wet basisregistratie personen", "2.40"),
    ("Toeslag pas na een definitieve beschikking",
     "Algemene wet inkomensafhankelijke regelingen", "16"),
    ("Re-integratietraject pas na een afgeronde intake", "Re-integratieverordening", "4"),
)  # fmt: skip
DEVIATIONS = (
    ("De uitkering is direct toegekend, zonder de wachttijd.",
     "Zonder inkomen was de huur niet te betalen en dreigde uitzetting."),
    ("De corporatie heeft de huurschuld bevroren tijdens het traject.",
     "De inwoner kon zo eerst de schulden op orde brengen."),
    ("Het bedrag is niet teruggevorderd.",
     "Terugvorderen had de net bereikte stabiliteit tenietgedaan."),
    ("Er is een briefadres verstrekt via het wijkteam.",
     "Zonder adres kwam de post van instanties niet aan."),
)  # fmt: skip
DECIDERS = ("Projectleider Op Koers", "Teamleider Werk en Inkomen", "Wethouder Sociaal Domein")
