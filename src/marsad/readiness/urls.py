from django.urls import path

from marsad.readiness import views

app_name = "readiness"
urlpatterns = [
    path("", views.index, name="index"),
    path("organisations/<int:pk>/", views.organisation, name="organisation"),
    path("organisations/<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/report.pdf", views.pdf, name="pdf"),
]
