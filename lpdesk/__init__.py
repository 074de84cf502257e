"""lpdesk: run live, offline workshops on workplace learning culture."""

__version__ = "0.1.0"
APP_NAME = "lpdesk"
ORG_NAME = "lpdesk"
