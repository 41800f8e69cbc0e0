"""Bottleneck pages: raise (from a case or on its own), the board, one bottleneck with its
history and thread, the figures per responsible body, and the export."""
