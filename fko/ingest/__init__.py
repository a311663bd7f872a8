"""Turning the source documents into the records of the fko store."""
