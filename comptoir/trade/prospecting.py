"""Prospecting rules: the keys that find the same company or address twice, the merge fields
of a campaign's e-mail, whether a B2B e-mail may go without consent, and the funnel.

Pure Python: plain values in and out, no Django.

Sources:
- Prospecting by e-mail, B2B: French Code des postes et des communications électroniques
  art. L34-5 and the CNIL's guidance "La prospection commerciale par courrier électronique"
  (2020-2023): a professional may be canvassed at a professional address without prior
  consent when the message concerns their job and they can object at any time, simply and
  free of charge; an address of a private person (webmail of a consumer) needs prior consent.
  Generic company addresses (contact@, info@) are not personal data.
- GDPR art. 6.1.a (consent), 6.1.f (legitimate interest), art. 21 (right to object).
- Unsubscribe headers: RFC 2369 (List-Unsubscribe), RFC 8058 (one-click POST).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from .errors import TradeInputError
from .texts import Text

# --------------------------------------------------------------------------- names and keys

#: Legal forms dropped before two company names are compared (the name is what people say:
#: "Küchenwelt" is "Küchenwelt GmbH & Co. KG"). Lower case, accents removed, dots removed.
LEGAL_FORMS = frozenset(
    {
        # France
        "sa",
        "sas",
        "sasu",
        "sarl",
        "eurl",
        "sci",
        "snc",
        "scop",
        "ste",
        "societe",
        "ets",
        # Germany, Austria, Switzerland
        "gmbh",
        "ag",
        "kg",
        "ohg",
        "ug",
        "gbr",
        "ek",
        "co",
        "kgaa",
        "mbh",
        "haftungsbeschrankt",
        # United Kingdom, Ireland, USA
        "ltd",
        "limited",
        "plc",
        "llp",
        "llc",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "company",
        "lp",
        # Benelux, Nordics
        "bv",
        "nv",
        "bvba",
        "sprl",
        "srl",
        "vof",
        "ab",
        "as",
        "asa",
        "aps",
        "oy",
        "oyj",
        # Southern Europe, Latin America
        "spa",
        "sl",
        "sau",
        "slu",
        "lda",
        "sapi",
        "cv",
        "de",
        "rl",
        # Central Europe, elsewhere
        "sro",
        "spzoo",
        "kft",
        "doo",
        "pty",
        "pte",
        "bhd",
        "sdn",
        "kk",
        "jsc",
        "pjsc",
        "ooo",
    }
)
# (the single words "de", "cv", "rl" only ever go as the tail of "S.A. de C.V.", "S. de R.L.")
_TAIL_ONLY = frozenset({"de", "cv", "rl", "co", "company", "as"})

#: Names at least this alike (rapidfuzz token sort ratio, 0-100) are proposed as the same.
NAME_MATCH_THRESHOLD = 90


def fold(text: str) -> str:
    """Lower case without accents (ß -> ss, é -> e), single spaces."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def normalise_company_name(name: str) -> str:
    """The name without its legal forms, punctuation and accents, for comparing.

    >>> normalise_company_name("Küchenwelt GmbH & Co. KG")
    'kuchenwelt'
    >>> normalise_company_name("S.A.R.L. Dupont & Fils")
    'dupont fils'
    """
    text = fold(name).replace("&", " ")
    # "S.A.R.L." -> "sarl", "Sp. z o.o." -> "spzoo"
    text = re.sub(r"\b((?:[a-z]\.){2,})", lambda m: m.group(1).replace(".", ""), text)
    text = " ".join(re.sub(r"[^\w\s]", " ", text).split())
    text = re.sub(r"\bsp z o ?o\b", "spzoo", text)
    words = text.split()
    kept = [w for w in words if w not in LEGAL_FORMS or w in _TAIL_ONLY]
    # drop tail-only words at the end ("... S.A. de C.V."), never inside a name
    while kept and kept[-1] in _TAIL_ONLY and len(kept) > 1:
        kept.pop()
    result = " ".join(kept)
    return result or " ".join(words)


def names_alike(a: str, b: str) -> int:
    """How alike two company names are once normalised, 0-100 (token sort ratio)."""
    left, right = normalise_company_name(a), normalise_company_name(b)
    if not left or not right:
        return 0
    return int(round(fuzz.token_sort_ratio(left, right)))


def website_domain(url: str) -> str:
    """The site's registered host without ``www.``: "https://www.kuechenwelt.de/shop" ->
    "kuechenwelt.de". Empty when there is no host."""
    text = url.strip().lower()
    if not text:
        return ""
    if "://" not in text:
        text = "http://" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host if "." in host else ""


def normalise_vat(number: str) -> str:
    """A VAT number as written on invoices: upper case, no spaces, dots or dashes."""
    return re.sub(r"[\s.\-]", "", number).upper()


def normalise_email(address: str) -> str:
    """The key of an e-mail address in a campaign: trimmed and lower case.

    The local part is case-sensitive in RFC 5321 but no mail service treats it so; two
    spellings of one address are one person, who must not receive the campaign twice."""
    return address.strip().lower()


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_email(address: str) -> bool:
    return bool(_EMAIL.match(address.strip()))


def email_domain(address: str) -> str:
    return normalise_email(address).rpartition("@")[2]


#: Mail services of private persons: an address there is a consumer's, not a professional
#: one (CNIL): e-mail prospecting needs prior consent.
PERSONAL_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.fr",
        "yahoo.de",
        "yahoo.co.uk",
        "hotmail.com",
        "hotmail.fr",
        "hotmail.de",
        "outlook.com",
        "outlook.fr",
        "live.com",
        "live.fr",
        "msn.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "gmx.fr",
        "web.de",
        "t-online.de",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "sfr.fr",
        "laposte.net",
        "bbox.fr",
        "neuf.fr",
        "libero.it",
        "proton.me",
        "protonmail.com",
        "mail.ru",
        "yandex.ru",
        "qq.com",
        "163.com",
    }
)

#: Local parts of a company's generic addresses (not a person's data).
GENERIC_LOCAL_PARTS = frozenset(
    {
        "contact",
        "info",
        "sales",
        "vente",
        "ventes",
        "export",
        "import",
        "achat",
        "achats",
        "purchasing",
        "einkauf",
        "office",
        "hello",
        "service",
        "commercial",
        "bonjour",
        "kontakt",
        "verkauf",
        "admin",
        "accueil",
    }
)


def is_personal_mailbox(address: str) -> bool:
    """An address at a consumer mail service (Gmail, Orange, GMX...)."""
    return email_domain(address) in PERSONAL_MAIL_DOMAINS


def is_generic_address(address: str) -> bool:
    return normalise_email(address).partition("@")[0] in GENERIC_LOCAL_PARTS


@dataclass(frozen=True)
class Basis:
    """The lawful basis an e-mail may go on, or why it may not."""

    allowed: bool
    basis: str  # "consent" | "legitimate_interest"
    reason: Text


def email_basis(*, address: str, lawful_basis: str, has_consent: bool) -> Basis:
    """May a prospecting e-mail go to ``address`` (CPCE L34-5, CNIL B2B rule)?

    - consent given (and dated): yes, on consent;
    - a professional address (not a consumer mail service): yes, on legitimate interest,
      the message being about the person's job and the unsubscribe link in every e-mail;
    - a consumer mailbox without consent: no.
    """
    if lawful_basis == "consent" and has_consent:
        return Basis(True, "consent", Text("Consent recorded."))
    if is_personal_mailbox(address):
        return Basis(
            False,
            "consent",
            Text(
                "{address} is a private mailbox: prospecting by e-mail needs the person's "
                "prior consent (CPCE L34-5).",
                address=address,
            ),
        )
    return Basis(
        True,
        "legitimate_interest",
        Text("Professional address, message about the person's job: legitimate interest (CNIL)."),
    )


def target_key(*, vat_number: str, website: str, company: str, country: str, email: str) -> str:
    """The key that makes two rows of one list the same target: the e-mail address when
    there is one (one person), else the VAT number, the site's domain, or the normalised
    name and country (one company)."""
    if email.strip():
        return "mail:" + normalise_email(email)
    if vat_number.strip():
        return "vat:" + normalise_vat(vat_number)
    domain = website_domain(website)
    if domain:
        return "web:" + domain
    return "name:" + country.strip().upper() + ":" + normalise_company_name(company)


# --------------------------------------------------------------------------- merge fields

#: The fields a campaign's subject and body may use, as {{ name }}.
MERGE_FIELDS = (
    "first_name",
    "last_name",
    "full_name",
    "position",
    "company",
    "country",
    "city",
    "sender",
    "sender_email",
    "unsubscribe_url",
)
_FIELD = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
MAX_TEMPLATE_CHARS = 50_000


def unknown_fields(template: str) -> list[str]:
    """The {{ names }} a template uses that are not merge fields, in order, once each."""
    seen: dict[str, None] = {}
    for match in _FIELD.finditer(template):
        name = match.group(1)
        if name not in MERGE_FIELDS:
            seen.setdefault(name, None)
    return list(seen)


def check_template(template: str, field: str) -> None:
    """Raise :class:`TradeInputError` naming the first unknown merge field, or an unclosed brace."""
    if len(template) > MAX_TEMPLATE_CHARS:
        raise TradeInputError(Text("At most {n} characters.", n=MAX_TEMPLATE_CHARS), field)
    unknown = unknown_fields(template)
    if unknown:
        raise TradeInputError(
            Text(
                "Unknown merge field “{name}”: use one of {fields}.",
                name=unknown[0],
                fields=", ".join(MERGE_FIELDS),
            ),
            field,
        )
    rest = _FIELD.sub("", template)
    if "{{" in rest or "}}" in rest:
        raise TradeInputError(
            Text("A merge field is not closed: a field is written between two pairs of braces."),
            field,
        )


def merge(template: str, values: Mapping[str, str]) -> str:
    """The template with each {{ field }} replaced by its value (empty when unknown)."""
    return _FIELD.sub(lambda m: values.get(m.group(1), ""), template)


# --------------------------------------------------------------------------- funnel


@dataclass(frozen=True)
class Stage:
    key: str
    count: int
    #: share of the first stage, in % (one decimal), None when the first is 0
    of_first: Decimal | None
    #: share of the stage before, in %
    of_previous: Decimal | None


def _pct(part: int, whole: int) -> Decimal | None:
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def funnel(stages: Sequence[tuple[str, int]]) -> list[Stage]:
    """Each stage with its share of the first and of the one before (conversion rates)."""
    out: list[Stage] = []
    first = stages[0][1] if stages else 0
    previous = first
    for index, (key, count) in enumerate(stages):
        if count < 0:
            raise ValueError("a stage cannot count below zero")
        out.append(
            Stage(
                key,
                count,
                _pct(count, first),
                _pct(count, previous) if index else _pct(count, first),
            )
        )
        previous = count
    return out


def cost_per(cost: Decimal, count: int) -> Decimal | None:
    """The campaign's cost divided by a count (leads, meetings), to the cent; None for 0."""
    if count <= 0:
        return None
    return (cost / Decimal(count)).quantize(Decimal("0.01"), ROUND_HALF_UP)
