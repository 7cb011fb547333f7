"""The company's own exchange rates (bank rate, budget rate), used before the ECB's when asked."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from comptoir.trade import fx


class ExchangeRate(models.Model):
    class Kind(models.TextChoices):
        BANK = "bank", _("Bank rate")
        BUDGET = "budget", _("Budget rate")
        OTHER = "other", _("Other")

    from_currency = models.CharField(_("from currency"), max_length=3)
    to_currency = models.CharField(_("to currency"), max_length=3)
    valid_from = models.DateField(_("valid from"))
    rate = models.DecimalField(
        _("rate"),
        max_digits=18,
        decimal_places=8,
        validators=[MinValueValidator(Decimal("0.00000001"))],
        help_text=_("1 unit of the first currency = this many units of the second."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BANK)
    note = models.CharField(_("note"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_currency", "to_currency", "-valid_from"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["from_currency", "to_currency", "valid_from"], name="exchange_rate_unique"
            ),
            models.CheckConstraint(condition=Q(rate__gt=0), name="exchange_rate_positive"),
            models.CheckConstraint(
                condition=~Q(from_currency=models.F("to_currency")),
                name="exchange_rate_two_currencies",
            ),
        ]

    def __str__(self) -> str:
        return f"1 {self.from_currency} = {self.rate} {self.to_currency} ({self.valid_from})"


def company_rate_source(
    currencies: Iterable[str] | None = None, *, until: date | None = None
) -> fx.DictRateSource:
    """The company's rates as a rate source for the trade core (``comptoir.trade.fx``).

    With ``currencies`` only the rates between two of them, with ``until`` only those valid
    from that day or earlier: what quotes among those currencies up to that day can use (a
    report converting a few currencies reads a few rows, not the whole history)."""
    rates = ExchangeRate.objects.order_by()
    if currencies is not None:
        wanted = set(currencies)
        rates = rates.filter(from_currency__in=wanted, to_currency__in=wanted)
    if until is not None:
        rates = rates.filter(valid_from__lte=until)
    kinds = {value: str(label) for value, label in ExchangeRate.Kind.choices}
    return fx.DictRateSource(
        fx.CompanyRate(
            from_currency,
            to_currency,
            valid_from,
            rate,
            kinds.get(kind, kind) + (f" — {note}" if note else ""),
        )
        for from_currency, to_currency, valid_from, rate, kind, note in rates.values_list(
            "from_currency", "to_currency", "valid_from", "rate", "kind", "note"
        ).order_by("valid_from")
    )


def company_rates_for(topic: str, payload: object) -> fx.DictRateSource | None:
    """The company's rates, read only when a conversion asks for them."""
    if topic == "fx" and isinstance(payload, dict) and payload.get("use_company_rates") is True:
        return company_rate_source()
    return None
