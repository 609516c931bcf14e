#!/usr/bin/env bash
# Builds .build-static/deb/hetao_VERSION_amd64.deb from the static release programs:
#   /usr/bin/hetao and /usr/bin/hetao-serve (stripped; `hetao serve` and `hetao users` run the
#   second), their man pages and bash, zsh and fish completions (generated from the command
#   line's definition), the hetao-serve service with its settings in /etc/hetao, and
#   /usr/share/doc/hetao (copyright, changelog).
# Both link a reduced copy of ICU's data (Packaging/icu_data.py): 5 MB instead of 34.
#
#   Packaging/build-deb.sh                 the package
#   Packaging/build-deb.sh --binary-only   only .build-static/release/hetao and hetao-serve, as packaged
#
# Needs Swift, python3, binutils, dpkg-dev (dpkg-shlibdeps) and gzip; lintian to check the result.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '== %s\n' "$*" >&2; }
binary_only=false
case "${1:-}" in
  "") ;;
  --binary-only) binary_only=true ;;
  *) echo "usage: Packaging/build-deb.sh [--binary-only]" >&2; exit 64 ;;
esac

scratch=.build-static
static_libs=$(swift -print-target-info | python3 -c \
  'import json, sys; print(json.load(sys.stdin)["paths"]["runtimeResourcePath"] + "_static/linux")')
step "ICU data kept for the programs"
python3 Packaging/icu_data.py "$static_libs/lib_FoundationICU.a" "$scratch/icu" >&2
symbol=$(cat "$scratch/icu/symbol")

step "release build (static Swift runtime)"
# The whole log when it fails; its last lines when it does not.
for product in hetao hetao-serve; do
  swift build -c release --static-swift-stdlib --product "$product" --scratch-path "$scratch" \
    -Xlinker "--wrap=$symbol" -Xlinker "$PWD/$scratch/icu/icudata.o" > "$scratch/build.log" 2>&1 \
    || { cat "$scratch/build.log" >&2; exit 1; }
  tail -n 2 "$scratch/build.log" >&2
done
binary="$scratch/release/hetao"
$binary_only && exit 0

version=$("$binary" --version)
out="$scratch/deb"
root="$out/root"
rm -rf "$out"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/man/man1" "$root/usr/share/doc/hetao" \
  "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" \
  "$root/usr/share/fish/vendor_completions.d" "$root/lib/systemd/system" "$root/etc/hetao" "$out/log"
# Dates inside the package are the changelog's, so that two builds of one version are the same.
changelog_date=$(sed -n 's/^ -- .*>  //p' Packaging/changelog | head -n 1)
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(date -d "$changelog_date" +%s)

step "programs"
for program in hetao hetao-serve; do
  strip --strip-all --remove-section=.comment --remove-section=.note -o "$root/usr/bin/$program" "$scratch/release/$program"
done

step "man page (swift-argument-parser's generate-manual plugin)"
swift package plugin generate-manual --configuration debug --date "$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)" \
  --authors "The hetao developers" > "$out/log/generate-manual" 2>&1 || { cat "$out/log/generate-manual" >&2; exit 1; }
for program in hetao hetao-serve; do
  gzip -9n < ".build/plugins/GenerateManual/outputs/$program/$program.1" > "$root/usr/share/man/man1/$program.1.gz"
done

step "completions"
# bash-completion sources its scripts: no #! line (lintian: bash-completion-with-hashbang).
for program in hetao hetao-serve; do
  "$scratch/release/$program" --generate-completion-script bash | sed '1{/^#!/d}' > "$root/usr/share/bash-completion/completions/$program"
  "$scratch/release/$program" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_$program"
  "$scratch/release/$program" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/$program.fish"
done

step "service, settings and documents"
install -m 0644 Packaging/hetao-serve.service "$root/lib/systemd/system/hetao-serve.service"
install -m 0644 Packaging/config.yaml Packaging/users.yaml "$root/etc/hetao/"
install -m 0644 Packaging/copyright "$root/usr/share/doc/hetao/copyright"
# lintian reports no error or warning but one, overridden with its reason in Packaging/lintian-overrides:
# Yams builds libyaml into both programs.
install -D -m 0644 Packaging/lintian-overrides "$root/usr/share/lintian/overrides/hetao"
gzip -9n < Packaging/changelog > "$root/usr/share/doc/hetao/changelog.gz"
install -m 0755 Packaging/postinst Packaging/prerm Packaging/postrm "$root/DEBIAN/"
printf '/etc/hetao/config.yaml\n/etc/hetao/users.yaml\n' > "$root/DEBIAN/conffiles"

step "dependencies, from the libraries the programs link (dpkg-shlibdeps)"
shlibs=$(mktemp -d)
trap 'rm -rf "$shlibs"' EXIT
mkdir -p "$shlibs/debian"
printf 'Source: hetao\n\nPackage: hetao\nArchitecture: amd64\n' > "$shlibs/debian/control"
depends=$(cd "$shlibs" && dpkg-shlibdeps -O "$OLDPWD/$root/usr/bin/hetao" "$OLDPWD/$root/usr/bin/hetao-serve" \
  | sed -n 's/^shlibs:Depends=//p')

find "$root" -path "$root/DEBIAN" -prune -o -type f -print0 | sort -z | xargs -0 touch -h -d "@$SOURCE_DATE_EPOCH"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$installed_size/" -e "s/@DEPENDS@/$depends/" \
  Packaging/control > "$root/DEBIAN/control"

step "package"
deb="$out/hetao_${version}_amd64.deb"
dpkg-deb --root-owner-group -Zxz -z9 --build "$root" "$deb" >&2
printf '%s\n' "$deb"
