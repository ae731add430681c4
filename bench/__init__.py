"""Tend's benchmark: ``python -m bench`` from the project root (see bench/__main__.py)."""
