"""Errors raised by the trade core.

Every input the trade core refuses is reported with one exception type,
:class:`TradeInputError`, which carries a plain-English ``message`` and the name
of the offending JSON ``field`` (a dotted path for nested values, e.g.
``"pieces.0.weight_kg"``). The CLI prints it as ``{"error": message, "field": field}``
and exits 2; the API returns it as a 400 response; the web form shows it next to
the field.
"""

from __future__ import annotations

__all__ = ["TradeInputError"]


class TradeInputError(ValueError):
    """Bad input to a trade calculation.

    ``message`` is a sentence meant for the user; ``field`` is the JSON field it
    is about (dotted path for nested values: ``"pieces.0.weight_kg"``,
    ``"costs.main_carriage"``), or ``None`` when the whole payload is at fault.
    """

    message: str
    field: str | None

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        if self.field:
            return f"{self.field}: {self.message}"
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, field={self.field!r})"

    def as_dict(self) -> dict[str, str | None]:
        """The JSON error object of the calculator contract: ``{"error", "field"}``.

        Source: issue 3 (bad input prints ``{"error": MESSAGE, "field": NAME}``).
        """
        return {"error": self.message, "field": self.field}

    def under(self, prefix: str) -> TradeInputError:
        """The same error with ``prefix`` put in front of the field (``"pallets.2."``)."""
        field = f"{prefix}{self.field}" if self.field else prefix.rstrip(".")
        return TradeInputError(self.message, field)
