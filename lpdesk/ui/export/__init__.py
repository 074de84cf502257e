"""File > Export Summary: the dialog and its worker thread."""
