"""Rendering shared by every area: PDF (WeasyPrint), CSV/XLSX read and written with limits,
exports, drawings for documents, the party snapshot printed on documents."""
