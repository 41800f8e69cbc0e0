"""The de-identification engine behind ``elkedagbeter.core.deidentify`` (see
docs/deidentification.md)."""
