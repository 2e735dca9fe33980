"""The professionals' pages: thin views over the selectors and services."""
