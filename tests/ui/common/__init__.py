"""What the window's parts share: slices, the words for errors, the Qt binding."""
