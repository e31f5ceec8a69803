"""cxmaturity: measure customer-experience maturity, compare today with the ideal, plan.

The engine (this package, except ``ui/``) never imports streamlit.
"""

__version__ = "0.1.0"
