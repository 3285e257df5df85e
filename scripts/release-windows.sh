#!/usr/bin/env bash
# The Windows release recipe (contract §11, docs/install.md):
#
#   mapctl.exe -> DIST/mapctl-VERSION-x86_64-pc-windows-gnu.zip (and .sha256)
#   packaging/ -> DIST/packaging/scoop/mapctl.json
#                 DIST/packaging/winget/manifests/m/mapctl/mapctl/VERSION/*.yaml
#
# with the version (from Cargo.toml), the download URL and the zip's SHA-256
# filled into the manifests. It publishes nothing and calls no network: upload
# the zip to BASE_URL and submit the manifests yourself.
#
# Usage: scripts/release-windows.sh [--exe PATH] [--out DIR] [--base-url URL] [--homepage URL]
#   --exe PATH      a mapctl.exe already built; without it the recipe builds one:
#                   cargo build --locked --release --target x86_64-pc-windows-gnu
#                     --target-dir target/windows --bin mapctl
#                   (needs mingw-w64: apt-get install gcc-mingw-w64-x86-64, and
#                   rustup target add x86_64-pc-windows-gnu)
#   --out DIR       where to write (default: dist)
#   --base-url URL  where the zip will be downloadable from, without its file
#                   name (default: $MAPCTL_RELEASE_BASE_URL, else a placeholder
#                   under example.invalid that no installer can fetch)
#   --homepage URL  the project's page (default: Cargo.toml's homepage or
#                   repository, else the placeholder)
#
# The zip is reproducible: its entries carry the time of the last commit (or
# $SOURCE_DATE_EPOCH), so the same exe gives the same SHA-256.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target=x86_64-pc-windows-gnu
exe=""
out="dist"
base_url="${MAPCTL_RELEASE_BASE_URL:-}"
homepage=""

die() {
  echo "release-windows: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --exe) exe="${2:?--exe needs a path}"; shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --base-url) base_url="${2:?--base-url needs a URL}"; shift 2 ;;
    --homepage) homepage="${2:?--homepage needs a URL}"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

command -v python3 >/dev/null || die "python3 is needed (it writes the zip)"
command -v sha256sum >/dev/null || die "sha256sum is needed"

# [package] keys of Cargo.toml (the root package, mapctl).
package_key() {
  awk -v key="$1" '
    /^\[/ { in_package = ($0 == "[package]"); next }
    in_package && $1 == key && $2 == "=" {
      sub(/^[^=]*= *"/, ""); sub(/".*$/, ""); print; exit
    }' "$root/Cargo.toml"
}

version="$(package_key version)"
[ -n "$version" ] || die "no version in $root/Cargo.toml [package]"
license="$(package_key license)"
license="${license:-Proprietary}"
placeholder="https://example.invalid/mapctl"
if [ -z "$homepage" ]; then
  homepage="$(package_key homepage)"
  homepage="${homepage:-$(package_key repository)}"
  homepage="${homepage:-$placeholder}"
fi
if [ -z "$base_url" ]; then
  base_url="$placeholder/releases/download/v$version"
  echo "release-windows: note: no --base-url; the manifests point at $base_url (a placeholder)" >&2
fi
base_url="${base_url%/}"

if [ -z "$exe" ]; then
  command -v x86_64-w64-mingw32-gcc >/dev/null \
    || die "x86_64-w64-mingw32-gcc is missing: apt-get install gcc-mingw-w64-x86-64 (or pass --exe)"
  (cd "$root" && cargo build --locked --release --target "$target" \
    --target-dir target/windows --bin mapctl)
  exe="$root/target/windows/$target/release/mapctl.exe"
fi
[ -f "$exe" ] || die "no such file: $exe"
[ "$(head -c 2 "$exe")" = "MZ" ] || die "$exe is not a Windows executable"

mkdir -p "$out"
out="$(cd "$out" && pwd)"
name="mapctl-$version-$target.zip"
zip="$out/$name"
url="$base_url/$name"

epoch="${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}"

# The zip: mapctl.exe at its root (the manifests name it there), with the
# README and these install notes.
python3 - "$zip" "$epoch" \
  "$exe" mapctl.exe \
  "$root/README.md" README.md \
  "$root/docs/install.md" INSTALL.md <<'PY'
import os, sys, time, zipfile

out, epoch, *pairs = sys.argv[1:]
# Zip times start in 1980 and carry no zone.
stamp = time.gmtime(max(int(epoch), 315532800))[:6]
part = out + ".part"
with zipfile.ZipFile(part, "w") as z:
    for src, name in zip(pairs[0::2], pairs[1::2]):
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 0  # MS-DOS attributes: what Windows' own zips carry
        with open(src, "rb") as f:
            z.writestr(info, f.read())
os.replace(part, out)
PY

sha256="$(sha256sum "$zip" | cut -d ' ' -f 1)"
echo "$sha256  $name" >"$zip.sha256"

# Fills the fields in double braces of a template; a field left over is an error.
fill() {
  local from="$1" to="$2"
  mkdir -p "$(dirname "$to")"
  python3 - "$from" "$to" \
    VERSION "$version" URL "$url" SHA256 "$sha256" \
    HOMEPAGE "$homepage" LICENSE "$license" <<'PY'
import re, sys

src, dst, *pairs = sys.argv[1:]
values = dict(zip(pairs[0::2], pairs[1::2]))
text = open(src, encoding="utf-8").read()
text = re.sub(r"\{\{([A-Z0-9_]+)\}\}", lambda m: values[m.group(1)], text)
left = re.findall(r"\{\{[^}]*\}\}", text)
if left:
    sys.exit(f"release-windows: {src}: unfilled {left}")
with open(dst, "w", encoding="utf-8", newline="\n") as f:
    f.write(text)
PY
}

fill "$root/packaging/scoop/mapctl.json" "$out/packaging/scoop/mapctl.json"
winget_dir="$out/packaging/winget/manifests/m/mapctl/mapctl/$version"
for template in "$root"/packaging/winget/*.yaml; do
  fill "$template" "$winget_dir/$(basename "$template")"
done

echo "$zip"
echo "sha256 $sha256"
echo "scoop  $out/packaging/scoop/mapctl.json"
echo "winget $winget_dir"
