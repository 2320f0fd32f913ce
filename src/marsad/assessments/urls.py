from django.urls import path

from marsad.assessments import views

app_name = "assessments"
urlpatterns = [
    path("entries/<slug:slug>/assessments/", views.overview, name="overview"),
    path("entries/<slug:slug>/assessments/<str:kind>/", views.start, name="start"),
    path("entries/<slug:slug>/assessments/<str:kind>/<str:section>/", views.step, name="step"),
    path("entries/<slug:slug>/transparency.json", views.transparency_json, name="transparency_json"),
]
