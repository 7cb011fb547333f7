from django import template
from django.db import models
from django.http import QueryDict
from django.urls import reverse

register = template.Library()


@register.simple_tag
def history_url(instance: models.Model) -> str:
    return reverse(
        "history",
        args=[instance._meta.app_label, instance._meta.model_name, instance.pk],
    )


@register.simple_tag(takes_context=True)
def query_with(context: template.Context, **kwargs: object) -> str:
    """The current query string with some parameters replaced (pagination with filters)."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = str(value)
    return query.urlencode()


@register.filter
def on(permissions: object, record: str) -> bool:
    """``{% if may.issue|on:invoice.kind %}``: the role matrix for a record named by a value."""
    try:
        return bool(permissions[record])  # type: ignore[index]
    except (KeyError, ValueError, TypeError):
        return False
