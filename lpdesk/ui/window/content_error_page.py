"""Moved to lpdesk/ui/base/content_error_page.py (the pages registry shows it); this name
stays so code written against it still works."""
from lpdesk.ui.base.content_error_page import ContentErrorPage

__all__ = ["ContentErrorPage"]
