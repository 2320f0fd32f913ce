from django.urls import path

from marsad.insights import downloads, views, views_manage, views_tools

app_name = "insights"
urlpatterns = [
    path("", views.ranking_page, name="rankings"),
    path("countries/<str:unit>/", views.profile_page, name="profile"),
    path("countries/<str:unit>/what-if/", views_tools.whatif_page, name="whatif"),
    path("countries/<str:unit>/gap/", views_tools.gap_page, name="gap"),
    path("countries/<str:unit>/priorities/", views_tools.priorities_page, name="priorities"),
    path("countries/<str:unit>/profile.pdf", views_tools.profile_pdf, name="pdf"),
    path("methodology/", views.methodology_page, name="methodology"),
    path("editions/", views.editions_page, name="editions"),
    path("downloads/<slug:table>.<str:fmt>", downloads.download, name="download"),
    path("manage/", views_manage.upload, name="manage"),
    path("manage/drafts/<int:pk>/", views_manage.draft, name="draft"),
    path("manage/drafts/<int:pk>/publish/", views_manage.publish, name="publish"),
    path("manage/drafts/<int:pk>/discard/", views_manage.discard, name="discard"),
]
