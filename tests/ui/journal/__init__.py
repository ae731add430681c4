"""Writing and browsing: the list, the editor, prompts, packs and marks."""
