#!/usr/bin/env bash
# Makes the fallback fonts in this folder from Debian's font packages
# (bookworm): see ../LICENSE-fonts.txt for what each is and its licence.
# It needs pyftsubset (Debian's fonttools) and the packages' files:
#   apt-get download fonts-droid-fallback fonts-noto-core fonts-noto-ui-core fonts-unifont
#   for d in *.deb; do dpkg-deb -x "$d" root; done
#   assets/fonts/subset.sh root
# Nothing runs it at build time: its output is committed.
set -euo pipefail
root=${1:?usage: subset.sh DIR-WITH-THE-UNPACKED-PACKAGES}
out=$(cd "$(dirname "$0")" && pwd)
noto=$root/usr/share/fonts/truetype/noto
# Spaces, digits and punctuation: kept in a script's font so that a name
# in that script is one run (one bidi paragraph for Arabic and Hebrew).
neutral=U+0020-0040,U+005B-0060,U+007B-007E,U+00A0-00BF,U+2010-2027,U+200B-200F,U+25CC
sub() { # font output unicodes
	pyftsubset "$1" --output-file="$out/$2" --unicodes="$3" --layout-features='*' \
		--name-IDs='*' --name-languages='*' --no-hinting --no-prune-unicode-ranges
}
sub "$root/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf" DroidSansFallback-CJK.ttf \
	U+1100-11FF,U+2E80-2FDF,U+3000-303F,U+3040-30FF,U+3100-312F,U+3130-318F,U+31A0-31FF,U+3200-32FF,U+3400-4DBF,U+4E00-9FFF,U+A960-A97F,U+AC00-D7FF,U+F900-FAFF,U+FE30-FE4F,U+FF00-FFEF
sub "$noto/NotoSansArabicUI-Regular.ttf" NotoSansArabicUI-Subset.ttf \
	U+0600-06FF,U+0750-077F,U+0870-08FF,U+FB50-FDFF,U+FE70-FEFF,$neutral
sub "$noto/NotoSansHebrew-Regular.ttf" NotoSansHebrew-Subset.ttf U+0590-05FF,U+FB1D-FB4F,$neutral
sub "$noto/NotoSansDevanagariUI-Regular.ttf" NotoSansDevanagariUI-Subset.ttf U+0900-097F,U+1CD0-1CFF,U+A8E0-A8FF,$neutral
sub "$noto/NotoSansThaiUI-Regular.ttf" NotoSansThaiUI-Subset.ttf U+0E00-0E7F,$neutral
sub "$root/usr/share/fonts/opentype/unifont/unifont_upper.otf" UnifontUpper-Emoji.otf U+1F000-1FAFF
sub "$root/usr/share/fonts/opentype/unifont/unifont.otf" Unifont-Symbols.otf U+2300-23FF,U+2600-27BF,U+2B00-2BFF
