"""Dialogs declared as data, and the engine that advances them."""
