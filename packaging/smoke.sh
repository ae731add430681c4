#!/usr/bin/env bash
# Smoke test of the Linux packages that packaging/build.py made:
#
#   bash packaging/smoke.sh DIST       (DIST holds tend-*-linux-*.tar.gz and tend_*.deb)
#
# Each check runs the bundled tend from a clean environment (env -i, a minimal PATH,
# no virtual environment, a scratch HOME): --version; init, add and list on a new
# journal with a fast key derivation; the window started offscreen until it shows its
# first-run page (reported by the bundle's launcher when TEND_SMOKE_REPORT names a
# file), then closed. With strace present, the window's run also proves that no
# network socket was opened.
#
#   1. the .tar.gz, installed by its install.sh into a scratch HOME, run from the menu
#      entry's own command line, then uninstalled: the journal must stay;
#   2. the .deb: as root with apt-get, installed for real (apt-get resolves its
#      Depends from Debian's archive), run as /usr/bin/tend, removed: /opt/tend must
#      go and the journal stay. Otherwise its files are unpacked and run in place.
set -euo pipefail

dist="$(cd "${1:?usage: smoke.sh DIST}" && pwd)"
app_id="org.tendjournal.Tend"
passphrase="quiet river lamp orange"
scratch="$(mktemp -d)"
deb_installed=""
cleanup() {
    if [ -n "$deb_installed" ]; then
        dpkg -r tend >/dev/null 2>&1 || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

say() { printf '  %s\n' "$*"; }
die() {
    printf 'smoke: %s\n' "$*" >&2
    exit 1
}

tarball="$(find "$dist" -maxdepth 1 -name 'tend-*-linux-*.tar.gz' | head -n 1)"
deb="$(find "$dist" -maxdepth 1 -name 'tend_*.deb' | head -n 1)"
[ -n "$tarball" ] || die "no tend-*-linux-*.tar.gz in $dist"
[ -n "$deb" ] || die "no tend_*.deb in $dist"

# run HOME PATH COMMAND...: COMMAND in a clean environment, nothing inherited.
run() {
    local home="$1" path="$2"
    shift 2
    mkdir -p "$home/run" && chmod 700 "$home/run"
    env -i HOME="$home" PATH="$path" LANG=C.UTF-8 XDG_RUNTIME_DIR="$home/run" \
        TEND_PASSPHRASE="$passphrase" "$@"
}

# check_program HOME PATH TEND BUNDLE: the command line, then the window.
check_program() {
    local home="$1" path="$2" tend="$3" bundle="$4"
    local journal="$home/.local/share/Tend/journal.tend"
    local version
    version="$(run "$home" "$path" "$tend" --version)"
    [[ "$version" == "Tend "* ]] || die "tend --version printed '$version'"
    say "$tend --version: $version"
    run "$home" "$path" "$tend" init --kdf-memory-mib 1 --kdf-iterations 1 --kdf-lanes 1 \
        >/dev/null 2>&1 || die "tend init failed"
    [ -f "$journal" ] || die "tend init made no journal at $journal"
    run "$home" "$path" "$tend" add --title "From the bundle" "Written by the smoke test." \
        >/dev/null || die "tend add failed"
    run "$home" "$path" "$tend" list | grep -q "From the bundle" || die "tend list lacks the entry"
    say "init, add, list: the entry is in $journal"

    # The window, on a journal that does not exist yet: the first-run page.
    local report="$home/window.json" fresh="$home/first-run"
    local -a trace=()
    if command -v strace >/dev/null 2>&1; then
        trace=(strace -f -qq -e trace=socket -o "$home/sockets.txt")
    fi
    run "$home" "$path" env QT_QPA_PLATFORM=offscreen TEND_SMOKE_REPORT="$report" \
        TEND_DATA_DIR="$fresh" TEND_CONFIG_DIR="$fresh/config" \
        timeout 120 "${trace[@]}" "$tend" >"$home/window.log" 2>&1 ||
        die "the window did not start and close: $(cat "$home/window.log")"
    [ -f "$report" ] || die "the window reported nothing: $(cat "$home/window.log")"
    grep -q '"page": "welcome_page"' "$report" || die "not the first-run page: $(cat "$report")"
    grep -q '"frozen": true' "$report" || die "not the bundled program: $(cat "$report")"
    grep -q "\"icon\": \"$bundle/_internal/journal_app/resources/icons/tend.svg\"" "$report" ||
        die "resources not read from the bundle's journal_app/resources: $(cat "$report")"
    say "window: $(cat "$report")"
    if [ ${#trace[@]} -gt 0 ]; then
        if grep -E 'AF_INET6?' "$home/sockets.txt"; then
            die "the window opened a network socket"
        fi
        say "window: no network socket opened ($(grep -c 'socket(' "$home/sockets.txt" || true) local sockets)"
    fi
}

# check_desktop_entry FILE PATH HOME: valid, and its Exec line starts this Tend.
check_desktop_entry() {
    local entry="$1" path="$2" home="$3"
    [ -f "$entry" ] || die "no menu entry at $entry"
    if command -v desktop-file-validate >/dev/null 2>&1; then
        desktop-file-validate "$entry" || die "$entry is not a valid .desktop file"
    fi
    local exec_line
    exec_line="$(sed -n 's/^Exec=//p' "$entry")"
    exec_line="${exec_line#\"}"
    exec_line="${exec_line%\"}"
    run "$home" "$path" "$exec_line" --version >/dev/null || die "the menu entry's Exec=$exec_line fails"
    say "menu entry $entry starts: $exec_line"
}

echo "== the .tar.gz: $(basename "$tarball")"
home="$scratch/tar-home"
mkdir -p "$home"
tar -xzf "$tarball" -C "$scratch"
unpacked="$(find "$scratch" -maxdepth 1 -type d -name 'tend-*' | head -n 1)"
run "$home" /usr/bin:/bin bash "$unpacked/install.sh" >"$scratch/install.log" ||
    die "install.sh failed: $(cat "$scratch/install.log")"
say "install.sh: $(head -n 1 "$scratch/install.log")"
program="$home/.local/opt/tend"
check_desktop_entry "$home/.local/share/applications/$app_id.desktop" /usr/bin:/bin "$home"
for size in 16 24 32 48 64 128 256 512; do
    [ -f "$home/.local/share/icons/hicolor/${size}x${size}/apps/$app_id.png" ] || die "no $size px icon"
done
[ -f "$home/.local/share/icons/hicolor/scalable/apps/$app_id.svg" ] || die "no scalable icon"
say "icons: 16 to 512 px and scalable, in ~/.local/share/icons/hicolor"
[ -L "$home/.local/bin/tend" ] || die "no launcher in ~/.local/bin"
check_program "$home" "$home/.local/bin:/usr/bin:/bin" tend "$program"
run "$home" /usr/bin:/bin bash "$program/uninstall.sh" >"$scratch/uninstall.log" ||
    die "uninstall.sh failed: $(cat "$scratch/uninstall.log")"
[ ! -e "$program" ] || die "uninstall.sh left $program"
[ ! -e "$home/.local/bin/tend" ] || die "uninstall.sh left the launcher"
[ ! -e "$home/.local/share/applications/$app_id.desktop" ] || die "uninstall.sh left the menu entry"
[ -f "$home/.local/share/Tend/journal.tend" ] || die "uninstall.sh took the journal"
say "uninstall.sh: program, launcher, menu entry and icons gone; the journal stays"

echo "== the .deb: $(basename "$deb")"
dpkg-deb --field "$deb" Package Version Architecture Depends | sed 's/^/  /'
home="$scratch/deb-home"
mkdir -p "$home"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && ! dpkg -s tend >/dev/null 2>&1; then
    deb_installed=yes
    apt-get install -y -qq "$deb" >"$scratch/apt.log" 2>&1 || die "apt-get install failed: $(cat "$scratch/apt.log")"
    say "installed with apt-get; files in /opt/tend: $(find /opt/tend -type f | wc -l)"
    [ "$(readlink -f /usr/bin/tend)" = /opt/tend/tend ] || die "/usr/bin/tend is not the bundle's"
    check_desktop_entry "/usr/share/applications/$app_id.desktop" /usr/bin:/bin "$home"
    [ -f "/usr/share/icons/hicolor/48x48/apps/$app_id.png" ] || die "no icon in /usr/share/icons"
    if command -v appstreamcli >/dev/null 2>&1; then
        appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml" >/dev/null ||
            die "the installed metainfo is not valid"
    fi
    check_program "$home" /usr/bin:/bin tend /opt/tend
    dpkg -r tend >/dev/null
    deb_installed=""
    if [ -e /opt/tend ] || [ -e /usr/bin/tend ]; then die "removing the package left files"; fi
    [ -f "$home/.local/share/Tend/journal.tend" ] || die "removing the package took the journal"
    say "removed: /opt/tend and /usr/bin/tend gone; the journal stays"
else
    say "not installing (needs root, apt-get and no tend package installed): unpacked instead"
    dpkg-deb -x "$deb" "$scratch/deb-root"
    check_program "$home" /usr/bin:/bin "$scratch/deb-root/opt/tend/tend" "$scratch/deb-root/opt/tend"
fi
echo "smoke: the Linux packages install, run and uninstall"
