"""Dates of the special customs procedures the desk follows: ATA carnets, temporary export,
returned goods relief.

* ATA carnet: valid at most one year from its issue (Istanbul Convention on Temporary
  Admission, 1990, Annex A art. 7(1); ATA Convention 1961 art. 5); goods not re-imported
  by the carnet's expiry lose the relief the carnet gave at export and must be declared.
* Returned goods relief: Union goods exported and re-imported **within three years** are
  relieved of import duty (Union Customs Code, Regulation (EU) No 952/2013, art. 203(1));
  the period may be exceeded in special circumstances (art. 203(1) second subparagraph);
  VAT relief on reimportation by the person who exported them (Directive 2006/112/EC art.
  143(1)(e)).
* Outward processing for repair (UCC art. 259-262) and temporary export for an exhibition:
  the goods must come back by the date the desk expects (the authorisation's period).
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from comptoir.trade.errors import TradeInputError
from comptoir.trade.texts import Text

__all__ = ["add_years", "carnet_expiry", "returned_goods_deadline"]

CARNET_VALIDITY_YEARS: Final = 1
RETURNED_GOODS_YEARS: Final = 3


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def carnet_expiry(issued_on: dt.date, valid_until: dt.date | None = None) -> dt.date:
    """The last day a carnet is valid: at most one year after its issue (the day before the
    anniversary). A shorter validity written on the carnet is kept."""
    longest = add_years(issued_on, CARNET_VALIDITY_YEARS) - dt.timedelta(days=1)
    if valid_until is None:
        return longest
    if valid_until < issued_on:
        raise TradeInputError(Text("A carnet cannot expire before it is issued."), "valid_until")
    if valid_until > longest:
        raise TradeInputError(
            Text(
                "An ATA carnet is valid one year at most (Istanbul Convention, Annex A art. 7): "
                "until {day} for this one.",
                day=longest,
            ),
            "valid_until",
        )
    return valid_until


def returned_goods_deadline(exported_on: dt.date) -> dt.date:
    """The last day goods may come back under returned goods relief (UCC art. 203(1))."""
    return add_years(exported_on, RETURNED_GOODS_YEARS)
