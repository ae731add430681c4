"""Export, print, import, backup and restore, in the window."""
