from django.urls import path

from marsad.initiatives import views_manage as manage
from marsad.initiatives import views_public as public

app_name = "initiatives"
urlpatterns = [
    path("entries/", public.entry_list, name="list"),
    path("entries/new/", manage.create, name="create"),
    path("entries/<slug:slug>/", public.detail, name="detail"),
    path("entries/<slug:slug>/manage/", manage.manage, name="manage"),
    path("entries/<slug:slug>/edit/", manage.edit, name="edit"),
    path("entries/<slug:slug>/submit/", manage.submit, name="submit"),
    path("entries/<slug:slug>/review/", manage.review, name="review"),
    path("entries/<slug:slug>/withdraw/", manage.withdraw, name="withdraw"),
    path("entries/<slug:slug>/history/", manage.history, name="history"),
    path("countries/<str:code>/", public.country, name="country"),
    path("action-lines/<str:code>/", public.action_line, name="action_line"),
    path("technologies/<slug:code>/", public.technology, name="technology"),
    path("my/", manage.dashboard, name="dashboard"),
    path("review/", manage.review_queue, name="queue"),
]
