"""Case pages. Thin: scoping comes from selectors, writes and logging from actions."""
