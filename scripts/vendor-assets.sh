#!/usr/bin/env bash
# Vendor Kring's front-end assets into the repository, so that running Kring needs no npm and
# no CDN. Run this only to upgrade a pinned version; commit the result.
#
#   scripts/vendor-assets.sh
#
# It installs pinned npm packages in a temporary directory and copies only the files Kring
# serves (plus each package's licence) into kring/web/static/vendor/<package>/.
# axe-core is for the browser tests only and goes to tests/browser/vendor/ (never served).
set -euo pipefail

UTRECHT_CSS_VERSION="9.0.4"            # @utrecht/component-library-css, EUPL-1.2
VOORBEELD_TOKENS_VERSION="7.4.1"       # @nl-design-system-unstable/voorbeeld-design-tokens, EUPL-1.2
HTMX_VERSION="2.0.11"                  # htmx.org, 0BSD (2.x is the stable line)
NOTO_SANS_VERSION="5.3.0"              # @fontsource/noto-sans, OFL-1.1 (the voorbeeld theme's text font)
NOTO_SERIF_VERSION="5.3.0"             # @fontsource/noto-serif, OFL-1.1 (the voorbeeld theme's heading font)
AXE_VERSION="4.14.1"                   # axe-core, MPL-2.0 (tests only)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/kring/web/static/vendor"
TEST_VENDOR="$ROOT/tests/browser/vendor"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact \
  "@utrecht/component-library-css@$UTRECHT_CSS_VERSION" \
  "@nl-design-system-unstable/voorbeeld-design-tokens@$VOORBEELD_TOKENS_VERSION" \
  "htmx.org@$HTMX_VERSION" \
  "@fontsource/noto-sans@$NOTO_SANS_VERSION" \
  "@fontsource/noto-serif@$NOTO_SERIF_VERSION" \
  "axe-core@$AXE_VERSION" >/dev/null
NM="$WORK/node_modules"

rm -rf "$VENDOR/utrecht-component-library-css" "$VENDOR/voorbeeld-design-tokens" "$VENDOR/htmx.org" \
  "$VENDOR/noto-sans" "$VENDOR/noto-serif"
mkdir -p "$VENDOR" "$TEST_VENDOR"

# NL Design System component CSS (Utrecht component library; components only, no Utrecht theme).
dest="$VENDOR/utrecht-component-library-css"
mkdir -p "$dest"
cp "$NM/@utrecht/component-library-css/dist/index.css" "$dest/index.css"
cp "$NM/@utrecht/component-library-css/LICENSE.md" "$dest/LICENSE.md"

# The open example theme ("voorbeeld"): design tokens as CSS custom properties on .voorbeeld-theme.
dest="$VENDOR/voorbeeld-design-tokens"
mkdir -p "$dest"
cp "$NM/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css" "$dest/theme.css"
cp "$NM/@nl-design-system-unstable/voorbeeld-design-tokens/LICENSE.md" "$dest/LICENSE.md"

# htmx 2.x.
dest="$VENDOR/htmx.org"
mkdir -p "$dest"
cp "$NM/htmx.org/dist/htmx.min.js" "$dest/htmx.min.js"
cp "$NM/htmx.org/LICENSE" "$dest/LICENSE"

# Self-hosted fonts: latin and latin-ext subsets, woff2 only, the weights the theme uses.
vendor_font() {  # vendor_font <package-dir-name> <css-variant>...
  local name="$1"
  shift
  local src="$NM/@fontsource/$name"
  local out="$VENDOR/$name"
  mkdir -p "$out/files"
  cp "$src/LICENSE" "$out/LICENSE"
  : >"$out/fonts.css"
  for variant in "$@"; do  # e.g. 400, 400-italic, 700
    # The combined file carries the unicode-range per subset; keep the latin and latin-ext
    # blocks and only their woff2 source.
    node -e '
      const fs = require("fs");
      const [css, family] = [fs.readFileSync(process.argv[1], "utf8"), process.argv[2]];
      const blocks = css.split(/(?=\/\* )/).filter((b) => new RegExp(`^/\\* ${family}-latin(-ext)?-`).test(b));
      process.stdout.write(blocks.map((b) => b.replace(/, url\([^)]*\.woff\) format\(.woff.\)/, "").trim()).join("\n") + "\n");
    ' "$src/$variant.css" "$name" >>"$out/fonts.css"
  done
  for file in $(grep -oE "files/[^)]*\.woff2" "$out/fonts.css"); do
    cp "$src/$file" "$out/$file"
  done
}
vendor_font noto-sans 400 400-italic 700 700-italic
vendor_font noto-serif 400 700

# axe-core: accessibility checks in the browser tests. Not served by Kring.
cp "$NM/axe-core/axe.min.js" "$TEST_VENDOR/axe.min.js"
cp "$NM/axe-core/LICENSE" "$TEST_VENDOR/LICENSE-axe-core"

# Record exactly what was installed.
node -e '
const lock = require("./package-lock.json").packages;
const wanted = ["@utrecht/component-library-css", "@nl-design-system-unstable/voorbeeld-design-tokens",
  "htmx.org", "@fontsource/noto-sans", "@fontsource/noto-serif", "axe-core"];
for (const name of wanted) {
  const p = lock["node_modules/" + name];
  console.log(`${name}@${p.version} ${p.license || ""} ${p.integrity}`);
}' >"$VENDOR/VERSIONS.txt"

echo "Vendored assets into $VENDOR and $TEST_VENDOR:"
cat "$VENDOR/VERSIONS.txt"
