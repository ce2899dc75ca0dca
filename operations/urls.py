from django.urls import path

from . import views

app_name = "operations"

urlpatterns = [
    path("staff/deleted/", views.deleted, name="deleted"),
    path("staff/deleted/<str:kind>/<int:pk>/delete/", views.delete, name="delete"),
    path("staff/deleted/<str:kind>/<int:pk>/restore/", views.restore, name="restore"),
]
