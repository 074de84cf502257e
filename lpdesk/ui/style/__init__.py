"""Colours, the frame style and the helpers that tie a view's life to model events and theme
changes.
"""
