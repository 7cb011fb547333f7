"""The screens of order to cash, one module per document or activity."""
