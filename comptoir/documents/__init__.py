"""Rendering shared by every business area: PDF documents, tables, drawings for documents."""
