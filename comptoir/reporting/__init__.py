"""Dashboards and reporting: the figures each role looks at, read from every area."""
