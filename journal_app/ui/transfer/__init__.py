"""Taking words out and bringing them in: export, print, import (including another
Tend journal), backup and restore, and the progress dialogs they share. The work
itself runs in ``ui.services.transfer_service``; these are its dialogs."""
