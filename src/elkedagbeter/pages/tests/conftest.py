"""The pages show what the apps below did: borrow the routed region of the bottleneck tests."""

from elkedagbeter.bottlenecks.tests.conftest import routed  # noqa: F401 - a shared fixture
