"""The summary activity: agreed actions and the room's comments."""
