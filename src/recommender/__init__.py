"""Interventiewijzer: knowledge base and intervention recommender for crime in family networks."""

__version__ = "0.1.0"
