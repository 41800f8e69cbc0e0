"""Elke Dag Beter: the shared memory of a learning youth-care system."""
