"""Small helpers every area may import: query-string numbers, pagination, today's date,
shared choices. No models, no views."""
