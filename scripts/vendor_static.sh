#!/usr/bin/env bash
# Copy the pinned NL Design System CSS and htmx from the npm registry into static files.
# The copies are committed, so neither `make demo` nor `make test` needs npm.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/src/elkedagbeter/core/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cp "$root/package.json" "$work/"
[ -f "$root/package-lock.json" ] && cp "$root/package-lock.json" "$work/"
(cd "$work" && npm install --no-audit --no-fund --ignore-scripts >/dev/null)
[ -f "$root/package-lock.json" ] || cp "$work/package-lock.json" "$root/"

modules="$work/node_modules"
mkdir -p "$target"
cp "$modules/@utrecht/component-library-css/dist/index.css" "$target/utrecht-component-library.css"
cp "$modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css" "$target/voorbeeld-design-tokens.css"
cp "$modules/htmx.org/dist/htmx.min.js" "$target/htmx.min.js"

{
  echo "# Vendored by scripts/vendor_static.sh from the npm registry; do not edit by hand."
  for package in @utrecht/component-library-css @nl-design-system-unstable/voorbeeld-design-tokens htmx.org; do
    version="$(node -p "require('$modules/$package/package.json').version")"
    licence="$(node -p "require('$modules/$package/package.json').license")"
    echo "$package $version ($licence)"
  done
} > "$target/VERSIONS.txt"
cat "$target/VERSIONS.txt"
