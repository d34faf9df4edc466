from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def person(user) -> str:
    """A user's name for display; a deleted account shows as such."""
    if user is None:
        return _("(verwijderd account)")
    return user.get_full_name() or user.get_username()
