from django.contrib import admin
from django.urls import include, path

handler403 = "comptoir.web.views.forbidden"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("comptoir.accounts.urls")),
    path("parties/", include("comptoir.parties.urls")),
    path("catalog/", include("comptoir.catalog.urls")),
    path("calculators/", include("comptoir.calculators.urls")),
    path("logistics/", include("comptoir.logistics.urls")),
    path("sales/", include("comptoir.sales.urls")),
    path("freight/", include("comptoir.freight.urls")),
    path("shipping/", include("comptoir.shipping.urls")),
    path("shipping-documents/", include("comptoir.shipping_documents.urls")),
    path("claims/", include("comptoir.claims.urls")),
    path("origin/", include("comptoir.origin.urls")),
    path("customs/", include("comptoir.customs.urls")),
    path("intra-eu/", include("comptoir.intra_eu.urls")),
    path("compliance/", include("comptoir.compliance.urls")),
    path("export-control/", include("comptoir.export_control.urls")),
    path("credits/", include("comptoir.credits.urls")),
    path("collections/", include("comptoir.doc_collections.urls")),
    path("guarantees/", include("comptoir.guarantees.urls")),
    path("credit-insurance/", include("comptoir.credit_insurance.urls")),
    path("currency/", include("comptoir.fx_exposure.urls")),
    path("suppliers/", include("comptoir.suppliers.urls")),
    path("tenders/", include("comptoir.tenders.urls")),
    path("purchasing/", include("comptoir.purchasing.urls")),
    path("supplier-invoices/", include("comptoir.supplier_invoices.urls")),
    path("api/", include("comptoir.api.urls")),
    path("jobs/", include("comptoir.jobs.urls")),
    path("", include("comptoir.web.urls")),
]
