"""The headless ``apporteur`` command over the services."""
