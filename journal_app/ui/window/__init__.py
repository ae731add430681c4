"""The top floor: the application, the main window and its menus, the first-run and
unlock pages, locking, one window per journal, About, and a journal file changed
elsewhere. It is the only part that imports the other parts."""
