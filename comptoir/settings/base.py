"""Settings shared by every environment.

Configuration comes from environment variables with safe defaults for a laptop:
no variable set means SQLite under ``./var/`` and debug off.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from comptoir import instance

PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: Working folder of the instance: SQLite file, secret key, outgoing mail, uploaded files.
#: Importing the settings only reads it: ``comptoir.instance.prepare`` makes it (the
#: ``comptoir`` command, the WSGI entry point and the test run call it).
VAR_DIR = instance.var_dir()


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = instance.read_secret_key(VAR_DIR)
DEBUG = _env_bool("COMPTOIR_DEBUG", False)
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("COMPTOIR_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("COMPTOIR_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "axes",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "simple_history",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "comptoir.accounts",
    "comptoir.web",
    "comptoir.parties",
    "comptoir.catalog",
    "comptoir.calculators",
    "comptoir.logistics",
    "comptoir.sales",
    "comptoir.shipping",
    "comptoir.freight",
    "comptoir.shipping_documents",
    "comptoir.claims",
    "comptoir.origin",
    "comptoir.customs",
    "comptoir.intra_eu",
    "comptoir.compliance",
    "comptoir.export_control",
    "comptoir.credits",
    "comptoir.doc_collections",
    "comptoir.guarantees",
    "comptoir.credit_insurance",
    "comptoir.fx_exposure",
    "comptoir.suppliers",
    "comptoir.tenders",
    "comptoir.purchasing",
    "comptoir.supplier_invoices",
    "comptoir.intelligence",
    "comptoir.studies",
    "comptoir.prospecting",
    "comptoir.events",
    "comptoir.marketing",
    "comptoir.action_plan",
    "comptoir.reporting",
    "comptoir.api",
    "comptoir.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but security: every error under /api/ leaves as JSON, whoever made it.
    "comptoir.api.errors.ApiErrorMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the locale so its message is in the user's language; before any view.
    "comptoir.common.middleware.RefuseNulParametersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "comptoir.accounts.middleware.LoginRequiredEverywhereMiddleware",
    "comptoir.accounts.middleware.UserPreferencesMiddleware",
    "comptoir.accounts.middleware.ReadOnlyRoleMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Just before the last: turns a lockout flagged during login into its answer.
    "axes.middleware.AxesMiddleware",
    # Last, so it sees the view's exception: a write that still finds the database locked
    # answers 503 with Retry-After instead of a server error.
    "comptoir.web.busy.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "comptoir.urls"
WSGI_APPLICATION = "comptoir.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "comptoir.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'comptoir.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once; WAL lets readers work while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the reporting's grouped queries (a few thousand rows, estimated
    # far costlier) run in 0.1-0.2 s and PostgreSQL spent 1.5 s compiling each one
    # (jit_above_cost); nothing in Comptoir reads enough rows for JIT to pay back.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes watches every login (screens, admin, /api/token/) and locks a username from an
# address after repeated failures, for a cool-off period.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("COMPTOIR_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("COMPTOIR_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "comptoir.accounts.lockout.lockout_response"
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True
LANGUAGE_COOKIE_NAME = "comptoir_language"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

EMAIL_BACKEND = os.environ.get(
    "COMPTOIR_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("COMPTOIR_FROM_EMAIL", "comptoir@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous request gets 401 with WWW-Authenticate: Token.
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # JSON only: the schema says application/json and any other body gets 415, in JSON.
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "comptoir.api.errors.api_exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["comptoir.api.permissions.RolePermission"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "comptoir.api.pagination.StrictPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Comptoir API",
    "DESCRIPTION": "International trade desk: parties, products and trade calculations.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI assets come from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The schema and its docs need a login, like every page.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Separate request and response components: read-only fields are not asked for.
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets sharing a field name ("kind", "status") get their own names.
    "ENUM_NAME_OVERRIDES": {
        "ShippingDocumentKindEnum": "comptoir.api.shipping_documents.DOCUMENT_KINDS",
        "ReceivedDocumentKindEnum": "comptoir.api.shipping_documents.RECEIVED_KINDS",
        "ShippingDocumentStatusEnum": "comptoir.api.shipping_documents.DOCUMENT_STATUSES",
        "ChecklistStatusEnum": "comptoir.api.shipping_documents.CHECKLIST_STATUSES",
        "SentToEnum": "comptoir.api.shipping_documents.SENT_TO",
        "ShipmentStatusEnum": "comptoir.shipping.models.Shipment.Status",
        "ClaimStatusEnum": "comptoir.claims.models.Claim.Status",
        "FreightChargeKindEnum": "comptoir.freight.models.ChargeKind",
        "FreightRequestStatusEnum": "comptoir.freight.models.FreightRequest.Status",
        "CarrierInvoiceStatusEnum": "comptoir.freight.models.ProviderInvoice.Status",
        "IntraEuDeclarationKindEnum": "comptoir.intra_eu.models.Declaration.Kind",
        "CountryMeasureKindEnum": "comptoir.api.export_control.MEASURE_KINDS",
        "ExportLicenceKindEnum": "comptoir.api.export_control.LICENCE_KINDS",
        "EuGeneralAuthorisationEnum": "comptoir.api.export_control.EU_AUTHORISATIONS",
        "CustomsRateKindEnum": "comptoir.customs.models.RateKind",
        "ImportDeclarationStatusEnum": "comptoir.customs.models.ImportEntry.Status",
        "CarnetStatusEnum": "comptoir.customs.models.Carnet.Status",
        "CarnetPurposeEnum": "comptoir.customs.models.CarnetPurpose",
        "ExitEvidenceEnum": "comptoir.customs.models.ExitEvidence",
        "SpecificUnitEnum": "comptoir.customs.models.SpecificUnit",
        "ImportVatRateEnum": "comptoir.customs.models.VatRate",
        "OriginBasisEnum": "comptoir.origin.models.Basis",
        "SupplierDeclarationKindEnum": "comptoir.origin.models.SupplierDeclaration.Kind",
        "ExporterNumberEnum": "comptoir.origin.models.ExporterNumber",
        "SanctionsHitStatusEnum": "comptoir.compliance.models.HitStatus",
        "SanctionsListEnum": "comptoir.compliance.models.Source",
        "SanctionsReviewDecisionEnum": "comptoir.api.compliance.REVIEW_DECISIONS",
        "SanctionsScreenKindEnum": "comptoir.api.compliance.SCREEN_KINDS",
        "LcDocumentTypeEnum": "comptoir.api.lc_check.DOCUMENT_TYPE_CHOICES",
        "LcShipmentModeEnum": "comptoir.api.lc_check.SHIPMENT_MODE_CHOICES",
        "LcDiscrepancyCodeEnum": "comptoir.api.lc_check.CODE_CHOICES",
        "CollectionStepEnum": "comptoir.api.collections.STEP_CHOICES",
        "CollectionStatusEnum": "comptoir.doc_collections.models.Collection.Status",
        "GuaranteeDirectionEnum": "comptoir.guarantees.models.Direction",
        "GuaranteeStatusEnum": "comptoir.guarantees.models.Guarantee.Status",
        "GuaranteeReleaseHowEnum": "comptoir.guarantees.models.ReleaseHow",
        # the shipments' names, kept when the guarantees and collections added theirs
        "DirectionEnum": "comptoir.shipping.models.Direction",
        "StepEnum": "comptoir.shipping.models.Step",
        "CreditCoverStateEnum": "comptoir.api.credit_insurance.COVER_STATES",
        "CreditCoverDecisionEnum": "comptoir.api.credit_insurance.COVER_DECISIONS",
        "ThreatenedLossStatusEnum": "comptoir.api.credit_insurance.DECLARATION_STATUSES",
        "HedgeKindEnum": "comptoir.api.fx_exposure.HEDGE_KINDS",
        "HedgeSideEnum": "comptoir.api.fx_exposure.HEDGE_SIDES",
        "HedgeStatusEnum": "comptoir.api.fx_exposure.HEDGE_STATUSES",
        "ExpectedPaymentStatusEnum": "comptoir.api.fx_exposure.PAYMENT_STATUSES",
        "CreditStatusEnum": "comptoir.credits.models.Credit.Status",
        "CreditDirectionEnum": "comptoir.credits.models.Direction",
        "CreditRequiredDocumentEnum": "comptoir.credits.models.DocumentType",
        "CreditDocumentIssuerEnum": "comptoir.credits.models.Issuer",
        "CreditAvailabilityEnum": "comptoir.credits.models.Availability",
        "CreditAvailableWithEnum": "comptoir.credits.models.AvailableWith",
        "CreditShipmentsAllowedEnum": "comptoir.credits.models.Allowed",
        "CreditChargesEnum": "comptoir.credits.models.Charges",
        "AmendmentStatusEnum": "comptoir.credits.models.Amendment.Status",
        "PresentationStatusEnum": "comptoir.credits.models.Presentation.Status",
        "BankNoticeDisposalEnum": "comptoir.credits.models.BankNotice.Disposal",
        "BankNoticeOutcomeEnum": "comptoir.credits.models.BankNotice.Outcome",
        "SupplierPanelStatusEnum": "comptoir.api.suppliers.PANEL_STATUSES",
        "SupplierCertificationKindEnum": "comptoir.api.suppliers.CERTIFICATION_KINDS",
        "SupplierAuditKindEnum": "comptoir.api.suppliers.AUDIT_KINDS",
        "SupplierIncidentKindEnum": "comptoir.api.suppliers.INCIDENT_KINDS",
        "SupplierIncidentOutcomeEnum": "comptoir.api.suppliers.INCIDENT_OUTCOMES",
        "SupplierInstrumentEnum": "comptoir.api.suppliers.INSTRUMENTS",
        "CorrectiveActionStatusEnum": "comptoir.api.suppliers.ACTION_STATUSES",
        "PurchaseOrderStatusEnum": "comptoir.purchasing.models.PurchaseOrder.Status",
        "PurchasePaymentInstrumentEnum": "comptoir.purchasing.models.PaymentInstrument",
        "PaymentInstrumentEnum": "comptoir.sales.models.PaymentInstrument",
        "PurchaseBalanceTriggerEnum": "comptoir.purchasing.models.BalanceTrigger",
        "PurchaseTransportModeEnum": "comptoir.purchasing.models.TransportMode",
        "SupplierConfirmationStatusEnum": "comptoir.purchasing.models.SupplierConfirmation.Status",
        "PurchasePaymentKindEnum": "comptoir.purchasing.models.PaymentDue.Kind",
        "ProductionMilestoneKindEnum": "comptoir.purchasing.models.ProductionMilestone.Kind",
        "InspectionResultEnum": "comptoir.purchasing.models.InspectionResult",
        "ReceiptConditionEnum": "comptoir.purchasing.models.Condition",
        "SupplierClaimKindEnum": "comptoir.purchasing.models.SupplierClaim.Kind",
        "SupplierClaimStatusEnum": "comptoir.purchasing.models.SupplierClaim.Status",
        "IncotermEnum": "comptoir.parties.models.INCOTERM_CHOICES",
        "SupplierInvoiceKindEnum": "comptoir.supplier_invoices.models.SupplierInvoice.Kind",
        "SupplierInvoiceStatusEnum": "comptoir.supplier_invoices.models.SupplierInvoice.Status",
        "LandedCostStatusEnum": "comptoir.supplier_invoices.models.LandedCost.Status",
        "LandedCostKindEnum": "comptoir.supplier_invoices.models.CostKind",
        "LandedCostBasisEnum": "comptoir.supplier_invoices.api_choices.SHARED_BASES",
        "SupplierInvoiceDecisionEnum": "comptoir.supplier_invoices.api_choices.DECISIONS",
        "ProspectingChannelEnum": "comptoir.prospecting.models.Channel",
        "CampaignStatusEnum": "comptoir.prospecting.models.Campaign.Status",
        "CallOutcomeEnum": "comptoir.prospecting.models.CallOutcome",
        "RecipientStateEnum": "comptoir.prospecting.models.RecipientState",
        "MatchStateEnum": "comptoir.prospecting.models.MatchState",
        "CompanySizeEnum": "comptoir.prospecting.models.CompanySize",
        "MailEventKindEnum": "comptoir.prospecting.models.EventKind",
        "StudyNoteLanguageEnum": "comptoir.studies.models.NoteLanguage",
        "StrategyNoteKindEnum": "comptoir.studies.models.StrategyNote.Kind",
        "MarketStudyStatusEnum": "comptoir.studies.models.MarketStudy.Status",
        "EventKindEnum": "comptoir.events.models.EventKind",
        "EventStatusEnum": "comptoir.events.models.Event.Status",
        "EventStandTypeEnum": "comptoir.events.models.StandType",
        "EventChecklistAnchorEnum": "comptoir.events.models.Anchor",
        "EventBudgetCategoryEnum": "comptoir.events.models.BudgetCategory",
        "LeadTemperatureEnum": "comptoir.events.models.Temperature",
        "InvitationStatusEnum": "comptoir.events.models.Invitation.Status",
        "IntelligenceSourceKindEnum": "comptoir.intelligence.models.SourceKind",
        "IntelligenceThemeEnum": "comptoir.api.intelligence.THEMES",
        "IntelligenceReliabilityEnum": "comptoir.intelligence.models.Reliability",
        "IntelligenceErrorKindEnum": "comptoir.intelligence.models.ErrorKind",
        "IntelligenceCustomsTopicEnum": "comptoir.api.intelligence.TOPICS",
        "MaterialKindEnum": "comptoir.marketing.models.Material.Kind",
        "NetworkContractKindEnum": "comptoir.api.action_plan.CONTRACT_KINDS",
        "PlanActionChannelEnum": "comptoir.api.action_plan.ACTION_CHANNELS",
        "PlanActionStatusEnum": "comptoir.api.action_plan.ACTION_STATUSES",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "comptoir.api.schema.add_error_responses",
    ],
}
# API tokens (django-rest-knox): stored as a SHA-512 digest, shown once, valid this long.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=int(os.environ.get("COMPTOIR_API_TOKEN_DAYS", "90"))),
    "AUTH_HEADER_PREFIX": "Token",
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

#: The company running Comptoir (letterhead, home country for calendars and VAT rules).
COMPTOIR_HOME_COUNTRY = os.environ.get("COMPTOIR_HOME_COUNTRY", "FR")

#: Where Comptoir answers from outside, e.g. https://comptoir.example.com: the links put in
#: e-mails (a campaign's unsubscribe link, an invitation's answer page) start with it. Empty
#: on a laptop (the links then point to http://127.0.0.1:8000); ``comptoir check --deploy``
#: warns when a server has none (comptoir.prospecting.checks).
COMPTOIR_PUBLIC_URL = os.environ.get("COMPTOIR_PUBLIC_URL", "").strip().rstrip("/")

# Background jobs (load plans, e-mail, daily jobs): the database is the queue; `comptoir serve`
# starts a worker beside the web server, `comptoir worker` runs more of them.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Content Security Policy: every script, style, font and picture comes from our own origin
# (htmx is vendored, nothing from a CDN); no inline script or style, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Served over HTTPS (COMPTOIR_HTTPS=1, the default of the production profile): secure cookies,
# HSTS and a redirect from http://. Behind a proxy, it must set X-Forwarded-Proto.
if _env_bool("COMPTOIR_HTTPS", False):
    from .https import *  # noqa: F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("COMPTOIR_LOG_LEVEL", "WARNING").upper(),
    },
}
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 default, opted in now
