"""Cues you can hear or route anywhere: the voice, a user's cue command, bells and notifications. No Textual."""
