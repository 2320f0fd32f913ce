from django.urls import path

from marsad.api.main import api

urlpatterns = [path("v1/", api.urls)]
