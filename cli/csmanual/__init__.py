"""csmanual: a customer-service manual as code."""

__version__ = "0.1.0"
