from django.urls import path

from opkoers.effects.views import aggregate, case, price_list

app_name = "effects"

# Mounted at the site root: one namespace for the case calculator, the price list and
# the aggregate.
urlpatterns = [
    path("trajecten/<uuid:case_id>/effecten/", case.case_effects_page, name="case"),
    path("trajecten/<uuid:case_id>/effecten/posten/nieuw/", case.entry_add, name="entry_add"),
    path(
        "trajecten/<uuid:case_id>/effecten/posten/<uuid:entry_id>/wijzigen/",
        case.entry_edit,
        name="entry_edit",
    ),
    path(
        "trajecten/<uuid:case_id>/effecten/posten/<uuid:entry_id>/verwijderen/",
        case.entry_remove,
        name="entry_remove",
    ),
    path("trajecten/<uuid:case_id>/effecten/voorstel/", case.propose, name="propose"),
    path("prijslijst/", price_list.price_list_page, name="price_list"),
    path("prijslijst/nieuw/", price_list.price_item_add, name="price_item_add"),
    path("prijslijst/<uuid:item_id>/wijzigen/", price_list.price_item_edit, name="price_item_edit"),
    path("effecten/", aggregate.aggregate_page, name="aggregate"),
]
