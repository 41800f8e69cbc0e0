from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and synthetic data: the top layer. It may use every app; no app may import it."""

    name = "elkedagbeter.demo"
