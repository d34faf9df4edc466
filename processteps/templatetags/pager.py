"""The links of a paginated list: ``{% page_url number %}`` is the current URL's query with only
the page changed, so the filters (and the pages of another list on the same page) stay."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, param="page"):
    request = context.get("request")
    if request is None:
        return f"?{param}={number}"
    query = request.GET.copy()
    query[param] = number
    return f"?{query.urlencode()}"
