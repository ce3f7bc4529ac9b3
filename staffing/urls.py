from django.urls import path

from staffing import views

app_name = "staffing"

urlpatterns = [
    path("", views.headcount, name="headcount"),
    path("people/", views.people, name="people"),
    path("duties/", views.duties, name="duties"),
    path("templates/<slug:kind>.xlsx", views.import_template, name="import_template"),
]
