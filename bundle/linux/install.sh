#!/bin/sh
# Installs lpdesk for this user (no root needed): the program in ~/.local/opt/lpdesk, the
# command ~/.local/bin/lpdesk, the menu entry, the icon and the .lpdesk file type.
# `./install.sh --uninstall` removes all of it again (your session files stay).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/lpdesk
bin=$HOME/.local/bin

refresh() {
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$data/mime" || true
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$data/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt" "$bin/lpdesk" "$data/applications/lpdesk.desktop" "$data/mime/packages/lpdesk.xml"
  find "$data/icons/hicolor" \( -name lpdesk.png -o -name lpdesk.svg -o -name 'application-x-lpdesk.*' \) -delete 2>/dev/null || true
  refresh
  echo "lpdesk removed."
  exit 0
fi

if [ "$here" != "$opt" ]; then
  rm -rf "$opt"
  mkdir -p "$(dirname "$opt")"
  cp -R "$here" "$opt"
fi
mkdir -p "$bin" "$data/applications" "$data/mime/packages"
ln -sf "$opt/lpdesk" "$bin/lpdesk"
sed "s|^Exec=lpdesk|Exec=\"$opt/lpdesk\"|" "$opt/share/applications/lpdesk.desktop" > "$data/applications/lpdesk.desktop"
cp "$opt/share/mime/packages/lpdesk.xml" "$data/mime/packages/lpdesk.xml"
(cd "$opt/share" && find icons -type f) | while read -r icon; do
  mkdir -p "$data/$(dirname "$icon")"
  cp "$opt/share/$icon" "$data/$icon"
done
refresh
echo "lpdesk installed: find it in your applications menu, or run $bin/lpdesk."
echo "Double-click a .lpdesk file to open it in lpdesk."
