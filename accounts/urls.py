from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("audit/changes/", views.change_audit_page, name="change_audit"),
]
