"""Moved to lpdesk/ui/base/pages.py (the room's screens need it and must not import the
window); this name stays so code written against it still works."""
from lpdesk.ui.base.pages import PAGES, PageSpec

__all__ = ["PAGES", "PageSpec"]
