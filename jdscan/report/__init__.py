"""Renderers, one module per output format. Only report/ and cli.py import Rich."""
