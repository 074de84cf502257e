"""Moved to lpdesk/ui/base/after_paint.py (the live feature uses it and must not import
the window); this name stays so code written against it still works."""
from lpdesk.ui.base.after_paint import FALLBACK_MS, STATE, after_first_paint, first_paint_done

__all__ = ["FALLBACK_MS", "STATE", "after_first_paint", "first_paint_done"]
