"""Pages that moved here from accounts (issue 18) and keep their paths and their URL names
in the `accounts` namespace (`accounts:erase-person`, `accounts:portal-my-data`,
`accounts:portal-my-data-page`): platform_site/urls.py includes these patterns together
with accounts.urls under that one namespace (Django reverses only one include per
namespace)."""

from django.urls import path

from .views import erasure, my_data

urlpatterns = [
    path("staff/people/<int:pk>/erase/", erasure.erase_person, name="erase-person"),
    path("portal/my-data/", my_data.my_data, name="portal-my-data"),
    path("portal/my-data/view/", my_data.my_data_page, name="portal-my-data-page"),
]
