"""The day the shared demo data set (conftest's ``built_demo``) is built for.

A module of its own: ``from conftest import ...`` is ambiguous when the suite has more than
one conftest.py (tests/store/ has its own), and picks either."""

from datetime import date

DEMO_TODAY = date(2026, 11, 22)
