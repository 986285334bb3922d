#!/bin/sh
# Install spie-desktop from this unpacked archive.
#
#   sudo ./install.sh              system-wide: /opt/spie-desktop (read-only for users),
#                                  /usr/local/bin/spie-desktop, a menu entry for everyone
#   ./install.sh --user            this user only: ~/.local/opt/spie-desktop, ~/.local/bin
#   ./install.sh [--user] --uninstall
#   --no-check                     skip the self-check run after installing
#
# SPIE_PREFIX overrides the install folder. Exit status 0 only if the install (and its
# self-check) succeeded, so deployment tools can rely on it. Nothing in the data folders
# (~/.local/share/spie-desktop) is touched, by install or uninstall.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
mode=system
action=install
check=yes
for arg in "$@"; do
    case "$arg" in
        --user) mode=user ;;
        --system) mode=system ;;
        --uninstall) action=uninstall ;;
        --no-check) check=no ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "install.sh: unknown option: $arg (see --help)" >&2; exit 2 ;;
    esac
done

if [ "$mode" = system ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "install.sh: a system-wide install needs root: sudo $0 (or $0 --user)" >&2
        exit 1
    fi
    prefix=${SPIE_PREFIX:-/opt/spie-desktop}
    bindir=/usr/local/bin
    share=/usr/share
else
    prefix=${SPIE_PREFIX:-$HOME/.local/opt/spie-desktop}
    bindir=$HOME/.local/bin
    share=${XDG_DATA_HOME:-$HOME/.local/share}
fi
appdir=$share/applications
icondir=$share/icons/hicolor/256x256/apps

if [ "$action" = uninstall ]; then
    rm -rf "$prefix"
    rm -f "$bindir/spie-desktop" "$appdir/spie-desktop.desktop" "$icondir/spie-desktop.png"
    echo "spie-desktop removed from $prefix (the data folders are left as they are)"
    exit 0
fi

[ -x "$here/spie-desktop/spie-desktop" ] || {
    echo "install.sh: $here/spie-desktop/spie-desktop is missing: unpack the whole archive" >&2
    exit 1
}
mkdir -p "$(dirname "$prefix")" "$bindir" "$appdir" "$icondir"
staging="$prefix.new.$$"
rm -rf "$staging"
cp -a "$here/spie-desktop" "$staging"
if [ "$mode" = system ]; then
    # Counsellors must not be able to edit the bundle (provisioning.json included).
    chown -R root:root "$staging"
    chmod -R go-w,a+rX "$staging"
fi
rm -rf "$prefix"
mv "$staging" "$prefix"
ln -sf "$prefix/spie-desktop" "$bindir/spie-desktop"
sed "s|^Exec=.*|Exec=\"$prefix/spie-desktop\"|" "$here/spie-desktop.desktop" \
    > "$appdir/spie-desktop.desktop"
cp "$here/spie-desktop.png" "$icondir/spie-desktop.png"
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database "$appdir" >/dev/null 2>&1 || true
fi
echo "spie-desktop installed in $prefix"
if [ "$check" = yes ]; then
    "$prefix/spie-desktop" --self-check
fi
