"""Pydantic models generated from specs/ (see ARCHITECTURE.md). Do not edit."""

__all__ = ["gateway", "reader", "registry"]
