from django.urls import path

from reports import publishing_views

app_name = "reports"

urlpatterns = [
    path("report/published/", publishing_views.published_list, name="published_list"),
    path("report/published/publish/", publishing_views.publish_edition, name="publish_edition"),
    path("report/published/<int:pk>/pdf/", publishing_views.published_download, name="published_download"),
]
