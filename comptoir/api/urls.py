from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from comptoir.api import marketing as marketing_api

from . import views
from .action_plan import ActionViewSet, ContractViewSet, ObjectiveViewSet, PlanViewSet
from .calc import CalcView
from .catalog import CnCodeView
from .claims import ClaimViewSet
from .classification import ClassificationView
from .collections import CollectionViewSet
from .compliance import HitViewSet, ListVersionViewSet, ScreenView
from .credit_insurance import CoverViewSet, DeclarationViewSet, PolicyViewSet
from .credits import CreditViewSet
from .customs import (
    CarnetViewSet,
    ExportDeclarationViewSet,
    ImportEntryViewSet,
    TariffRateViewSet,
)
from .events import EventViewSet
from .export_control import (
    AllocationViewSet,
    ClassificationViewSet,
    CountryMeasureViewSet,
    LicenceViewSet,
)
from .freight import CarrierInvoiceViewSet, FreightQuoteViewSet, FreightRequestViewSet
from .fx_exposure import ExpectedPaymentViewSet, ExposureView, HedgeViewSet
from .guarantees import GuaranteeViewSet
from .intelligence import AlertViewSet as IntelAlertViewSet
from .intelligence import ItemViewSet as IntelItemViewSet
from .intelligence import MatchViewSet as IntelMatchViewSet
from .intelligence import SourceViewSet as IntelSourceViewSet
from .intra_eu import IntraEuDeclarationViewSet, IntraEuProofViewSet
from .lc_check import LcCheckView
from .logistics import LoadPlanViewSet, PackView
from .monthly_reports import MonthlyReportViewSet
from .origin import AgreementViewSet, ProductOriginViewSet, SupplierDeclarationViewSet
from .prospecting import CampaignViewSet, TargetListViewSet
from .purchasing import PurchaseOrderViewSet
from .reporting import DashboardListView, DashboardView
from .reporting_pivot import PivotApiView, PivotViewViewSet
from .sales import InvoiceViewSet, OfferViewSet, OrderViewSet, PaymentViewSet
from .sales_objectives import SalesObjectiveViewSet
from .shipping import ShipmentViewSet
from .shipping_documents import DocumentSetViewSet, ShippingDocumentViewSet
from .studies import (
    MarketStudyViewSet,
    StrategyNoteViewSet,
    SynthesisNoteViewSet,
    ThematicFileViewSet,
)
from .supplier_invoices import LandedCostViewSet, OpenPayablesView, SupplierInvoiceViewSet
from .suppliers import SupplierFileViewSet
from .tenders import TenderViewSet
from .token import ObtainTokenView, RevokeTokenView

router = DefaultRouter()
router.register("companies", views.CompanyViewSet, basename="company")
router.register("contacts", views.ContactViewSet, basename="contact")
router.register("products", views.ProductViewSet, basename="product")
router.register("pivot-views", PivotViewViewSet, basename="pivot-view")
router.register("load-plans", LoadPlanViewSet, basename="load-plan")
router.register("offers", OfferViewSet, basename="offer")
router.register("orders", OrderViewSet, basename="order")
router.register("invoices", InvoiceViewSet, basename="invoice")
router.register("payments", PaymentViewSet, basename="payment")
router.register("shipments", ShipmentViewSet, basename="shipment")
router.register("shipping-documents", ShippingDocumentViewSet, basename="shipping-document")
router.register("shipping-document-sets", DocumentSetViewSet, basename="shipping-document-set")
router.register("claims", ClaimViewSet, basename="claim")
router.register("freight-requests", FreightRequestViewSet, basename="freight-request")
router.register("freight-quotes", FreightQuoteViewSet, basename="freight-quote")
router.register("carrier-invoices", CarrierInvoiceViewSet, basename="carrier-invoice")
router.register("intra-eu/proofs", IntraEuProofViewSet, basename="intra-eu-proof")
router.register("intra-eu/declarations", IntraEuDeclarationViewSet, basename="intra-eu-declaration")


router.register("country-measures", CountryMeasureViewSet, basename="country-measure")
router.register("dual-use", ClassificationViewSet, basename="dual-use")
router.register("export-licences", LicenceViewSet, basename="export-licence")
router.register("licence-allocations", AllocationViewSet, basename="licence-allocation")
router.register("customs-tariff", TariffRateViewSet, basename="customs-tariff")
router.register("import-declarations", ImportEntryViewSet, basename="import-declaration")
router.register("export-declarations", ExportDeclarationViewSet, basename="export-declaration")
router.register("ata-carnets", CarnetViewSet, basename="ata-carnet")
router.register("trade-agreements", AgreementViewSet, basename="trade-agreement")
router.register("product-origins", ProductOriginViewSet, basename="product-origin")
router.register(
    "supplier-declarations", SupplierDeclarationViewSet, basename="supplier-declaration"
)
router.register("sanctions/hits", HitViewSet, basename="sanctions-hit")
router.register("sanctions/lists", ListVersionViewSet, basename="sanctions-list")
router.register("collections", CollectionViewSet, basename="collection")
router.register("guarantees", GuaranteeViewSet, basename="guarantee")
router.register("credit-insurance/policies", PolicyViewSet, basename="credit-insurance-policy")
router.register("credit-insurance/covers", CoverViewSet, basename="credit-insurance-cover")
router.register(
    "credit-insurance/declarations", DeclarationViewSet, basename="credit-insurance-declaration"
)
router.register("hedges", HedgeViewSet, basename="hedge")
router.register("expected-payments", ExpectedPaymentViewSet, basename="expected-payment")
router.register("credits", CreditViewSet, basename="credit")
router.register("suppliers", SupplierFileViewSet, basename="supplier")
router.register("purchase-orders", PurchaseOrderViewSet, basename="purchase-order")
router.register("tenders", TenderViewSet, basename="tender")
router.register("supplier-invoices", SupplierInvoiceViewSet, basename="supplier-invoice")
router.register("landed-costs", LandedCostViewSet, basename="landed-cost")
router.register("prospecting/lists", TargetListViewSet, basename="target-list")
router.register("prospecting/campaigns", CampaignViewSet, basename="campaign")
router.register("study-files", ThematicFileViewSet, basename="study-file")
router.register("synthesis-notes", SynthesisNoteViewSet, basename="synthesis-note")
router.register("market-studies", MarketStudyViewSet, basename="market-study")
router.register("strategy-notes", StrategyNoteViewSet, basename="strategy-note")
router.register("events", EventViewSet, basename="event")
router.register("intelligence/sources", IntelSourceViewSet, basename="intelligence-source")
router.register("intelligence/items", IntelItemViewSet, basename="intelligence-item")
router.register("intelligence/alerts", IntelAlertViewSet, basename="intelligence-alert")
router.register("intelligence/matches", IntelMatchViewSet, basename="intelligence-match")
router.register("network-contracts", ContractViewSet, basename="network-contract")
router.register("action-plans", PlanViewSet, basename="action-plan")
router.register("plan-objectives", ObjectiveViewSet, basename="plan-objective")
router.register("plan-actions", ActionViewSet, basename="plan-action")
router.register("sales-objectives", SalesObjectiveViewSet, basename="sales-objective")
router.register("monthly-reports", MonthlyReportViewSet, basename="monthly-report")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        # The split view serves its start-up script as a file: no inline script for the CSP.
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("token/", ObtainTokenView.as_view(), name="api-token"),
    path("reporting/pivot/", PivotApiView.as_view(), name="api-reporting-pivot"),
    path("token/revoke/", RevokeTokenView.as_view(), name="api-token-revoke"),
    path("calc/<str:topic>", CalcView.as_view(), name="api-calc"),
    path("pack", PackView.as_view(), name="api-pack"),
    path("sanctions/screen", ScreenView.as_view(), name="api-sanctions-screen"),
    path("", include(router.urls)),
    path("cn/<str:code>", CnCodeView.as_view(), name="api-cn-code"),
    path("reporting/dashboards/", DashboardListView.as_view(), name="api-reporting-dashboards"),
    path(
        "reporting/dashboards/<slug:key>/",
        DashboardView.as_view(),
        name="api-reporting-dashboard",
    ),
    path("classification", ClassificationView.as_view(), name="api-classification"),
    path("lc/check", LcCheckView.as_view(), name="api-lc-check"),
    path("currency-exposure", ExposureView.as_view(), name="api-currency-exposure"),
    path("supplier-payables", OpenPayablesView.as_view(), name="api-supplier-payables"),
    path(
        "marketing/feed/<int:price_list_id>/",
        marketing_api.ProductFeedView.as_view(),
        name="api-marketing-feed",
    ),
    path("marketing/materials/", marketing_api.MaterialListView.as_view(), name="api-materials"),
    path(
        "marketing/materials/<int:pk>/newsletter/",
        marketing_api.NewsletterView.as_view(),
        name="api-newsletter",
    ),
]
