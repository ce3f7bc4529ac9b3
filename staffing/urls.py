from django.urls import path

app_name = "staffing"

urlpatterns = []
