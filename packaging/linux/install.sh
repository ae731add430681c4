#!/usr/bin/env bash
# Install Tend for you alone (no administrator password): run ./install.sh from the
# unpacked folder. Run it again to update Tend; your journal is not touched.
#
#   the program     ~/.local/opt/tend/          (with uninstall.sh beside it)
#   the command     ~/.local/bin/tend           (a link to the program)
#   the menu entry  $XDG_DATA_HOME/applications/org.tendjournal.Tend.desktop
#   the icons       $XDG_DATA_HOME/icons/hicolor/*/apps/org.tendjournal.Tend.*
#
# XDG_DATA_HOME is ~/.local/share unless set. Your journal lives elsewhere (in
# $XDG_DATA_HOME/Tend/): installing, updating and uninstalling never touch it.
set -euo pipefail

app_id="org.tendjournal.Tend"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data_home="${XDG_DATA_HOME:-$HOME/.local/share}"
program_dir="$HOME/.local/opt/tend"
bin_dir="$HOME/.local/bin"
manifest="$program_dir/installed-files.txt"

if [ ! -x "$here/tend/tend" ] || [ ! -f "$here/share/applications/$app_id.desktop" ]; then
    echo "install.sh: run me from the unpacked Tend folder (tend/ and share/ beside me)." >&2
    exit 1
fi
case "$program_dir" in
    *[\"\`\$\\%\&\|]*)
        echo "install.sh: your home folder's path has a character a menu entry cannot hold: $HOME" >&2
        exit 1
        ;;
esac

# The program: copied beside the old one, then swapped in, so an interrupted install
# leaves a working Tend (old or new), never half of one.
mkdir -p "$(dirname "$program_dir")" "$bin_dir"
rm -rf "$program_dir.new"
cp -a "$here/tend" "$program_dir.new"
cp "$here/uninstall.sh" "$program_dir.new/uninstall.sh"
chmod 755 "$program_dir.new/uninstall.sh"
if [ -d "$program_dir" ]; then
    if [ ! -x "$program_dir/tend" ] || [ ! -d "$program_dir/_internal" ]; then
        echo "install.sh: $program_dir exists and is not Tend; leaving it alone." >&2
        rm -rf "$program_dir.new"
        exit 1
    fi
    rm -rf "$program_dir.old"
    mv "$program_dir" "$program_dir.old"
fi
mv "$program_dir.new" "$program_dir"
rm -rf "$program_dir.old"

installed=()

# The command on PATH, unless another program already holds the name.
if [ -e "$bin_dir/tend" ] && [ ! -L "$bin_dir/tend" ]; then
    echo "install.sh: $bin_dir/tend is another program; not replacing it." >&2
else
    ln -sfn "$program_dir/tend" "$bin_dir/tend"
    installed+=("$bin_dir/tend")
fi

# The menu entry, starting the program by its full path (~/.local/bin is not on every
# desktop session's PATH).
mkdir -p "$data_home/applications"
desktop="$data_home/applications/$app_id.desktop"
sed "s|^Exec=.*|Exec=\"$program_dir/tend\"|" "$here/share/applications/$app_id.desktop" >"$desktop.new"
mv "$desktop.new" "$desktop"
installed+=("$desktop")

# The icons, at every size, where the desktop's icon theme looks.
while IFS= read -r -d '' icon; do
    target="$data_home/icons/${icon#"$here/share/icons/"}"
    mkdir -p "$(dirname "$target")"
    cp "$icon" "$target"
    installed+=("$target")
done < <(find "$here/share/icons" -type f -print0)

printf '%s\n' "${installed[@]}" >"$manifest"

# Menus and icon caches notice new files by themselves on most desktops; refresh
# them where the tools are there.
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data_home/applications" || true
fi
touch "$data_home/icons/hicolor" 2>/dev/null || true
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data_home/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$data_home/icons/hicolor" || true
fi

echo "Tend is installed. Start it from your applications menu."
case ":$PATH:" in
    *":$bin_dir:"*) echo "In a terminal, 'tend' starts it too ('tend --help' lists its commands)." ;;
    *) echo "In a terminal: $bin_dir/tend (that folder is not on your PATH yet)." ;;
esac
echo "To uninstall: $program_dir/uninstall.sh (your journal stays where it is)."
