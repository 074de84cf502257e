"""What the rooms of ui/ share below the window: the pages registry, the page and feature
contracts, after-first-paint, an event filter that follows a few widgets (watching). It
imports only ui/style, so the window, the room's screens and live can all use it without
importing each other (the packages form a tree)."""
