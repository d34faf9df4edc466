"""Template filters of the goal tree: values of indicators as the interface writes them."""

from django import template

from processteps.goals.services.indicators import format_value

register = template.Library()


@register.filter
def amount(value, unit=""):
    """``{{ value|amount:indicator.unit }}``: "1.234,5 woningen" (no trailing zeros)."""
    return format_value(value, unit or "")
