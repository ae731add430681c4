#!/usr/bin/env bash
# Uninstall Tend as install.sh installed it: the program, the command, the menu entry
# and the icons. Your journal and its backups stay where they are (in
# $XDG_DATA_HOME/Tend/, normally ~/.local/share/Tend/), and so do your settings.
set -euo pipefail

data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
program_dir="$HOME/.local/opt/tend"
bin_dir="$HOME/.local/bin"
manifest="$program_dir/installed-files.txt"

if [ ! -x "$program_dir/tend" ] || [ ! -d "$program_dir/_internal" ]; then
    echo "uninstall.sh: Tend is not installed in $program_dir; nothing to do." >&2
    exit 0
fi

# Only what install.sh wrote down, and only files: nothing else in those folders.
if [ -f "$manifest" ]; then
    while IFS= read -r path; do
        case "$path" in
            "$bin_dir/tend")
                # the link, only while it still points at this Tend
                if [ -L "$path" ] && [ "$(readlink "$path")" = "$program_dir/tend" ]; then
                    rm -f "$path"
                fi
                ;;
            "$data_home/applications/"* | "$data_home/icons/"*)
                if [ -f "$path" ]; then rm -f "$path"; fi
                ;;
        esac
    done <"$manifest"
fi
rm -rf "$program_dir"

if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$data_home/applications" ]; then
    update-desktop-database -q "$data_home/applications" || true
fi
touch "$data_home/icons/hicolor" 2>/dev/null || true

echo "Tend is uninstalled."
journal="$data_home/Tend/journal.tend"
if [ -n "${TEND_DATA_DIR:-}" ]; then
    journal="$TEND_DATA_DIR/journal.tend"
fi
if [ -f "$journal" ]; then
    echo "Your journal is still here: $journal"
    echo "Keep it to open it again after reinstalling; delete it yourself only if you are sure."
fi
