"""Role flags for templates (navigation), from the same helper the views use."""

from .permissions import is_admin, is_staff_member, needs_two_factor_notice, participant_for


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {
            "is_staff_member": False,
            "is_platform_admin": False,
            "is_participant": False,
            "needs_two_factor": False,
        }
    return {
        "needs_two_factor": needs_two_factor_notice(user),
        "is_staff_member": is_staff_member(user),
        "is_platform_admin": is_admin(user),
        "is_participant": participant_for(user) is not None,
    }
