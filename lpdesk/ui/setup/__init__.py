"""The set-up activity: session details, participants and groups."""
