from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from marsad.core import views as core

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", include("marsad.api.urls")),
]
urlpatterns += i18n_patterns(
    path("", core.home, name="home"),
    path("", include("marsad.initiatives.urls")),
    path("", include("marsad.assessments.urls")),
    path("accounts/", include("marsad.accounts.urls")),
    path("", include("marsad.exchange.urls")),
    path("index/", include("marsad.insights.urls")),
    path("readiness/", include("marsad.readiness.urls")),
    path("admin/", admin.site.urls),
)
