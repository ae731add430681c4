"""The top floor: start-up, the main window, locking, one window per journal, About."""
