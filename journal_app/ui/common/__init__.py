"""What several parts of the window share, and that knows no part: the theme, small
widget helpers, the words for vault errors, workers and cancellable tasks, GUI-thread
slices, the preferences kept in QSettings and the list of countries."""
