from django.urls import include, path

from marsad.exchange import feeds, views

app_name = "exchange"
urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/<int:pk>/commit/", views.commit, name="commit"),
    path("import/template.<str:fmt>", views.template, name="template"),
    path("export/", views.export_page, name="export_page"),
    path("export/entries.<str:fmt>", views.export, name="export"),
    path("feeds/entries/", feeds.EntriesFeed(), name="feed"),
    path("feeds/countries/<str:code>/", feeds.CountryFeed(), name="feed_country"),
    path("feeds/action-lines/<str:code>/", feeds.ActionLineFeed(), name="feed_action_line"),
    # The token page belongs to the API app; it lives here because these URLs carry the language prefix.
    path("account/api-tokens/", include("marsad.api.token_urls")),
]
