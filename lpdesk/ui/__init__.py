"""Widgets, views, dialogs and the main window. Views render the model and push commands."""
