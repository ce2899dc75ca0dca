"""URLs of visa support (branch visa), added to convenings' URLs under its namespace."""

from django.urls import path

from .views import visa

urlpatterns = [
    path("portal/convenings/<int:pk>/visa/", visa.portal_visa, name="portal-visa"),
    path(
        "portal/convenings/<int:pk>/visa/letters/<int:letter_id>/",
        visa.portal_letter,
        name="portal-visa-letter",
    ),
    path("staff/convenings/<int:pk>/visa/", visa.staff_visa_list, name="staff-visa"),
    path(
        "staff/convenings/<int:pk>/visa/<int:invitation_id>/",
        visa.staff_visa_person,
        name="staff-visa-person",
    ),
    path(
        "staff/convenings/<int:pk>/visa/<int:invitation_id>/letter/",
        visa.staff_visa_letter_new,
        name="staff-visa-letter-new",
    ),
    path(
        "staff/convenings/<int:pk>/visa/letters/<int:letter_id>/",
        visa.staff_letter,
        name="staff-visa-letter",
    ),
    path("staff/visa-letter-text/", visa.staff_letter_text, name="staff-visa-letter-text"),
]
