"""footui: a keyboard-driven terminal coach for a short foot-exercise routine."""

__version__ = "0.1.0"
