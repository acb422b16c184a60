#!/usr/bin/env bash
# Refresh vendor/slides/: the few files of reveal.js, jQuery and RequireJS that
# nbconvert's slide decks load, taken from their npm packages, so that
# `make slides` builds decks that work offline without needing Node.js.
# (MathJax comes from the jupyter-server-mathjax package in the lock instead.)
# Needs npm; only maintainers run it, e.g. to move to a newer reveal.js 4.x.
#
#   scripts/vendor_slides.sh
set -euo pipefail
REVEAL=reveal.js@4.6.1   # nbconvert's reveal template is written for reveal.js 4
JQUERY=jquery@3.8.0
REQUIREJS=requirejs@2.3.8

root=$(cd "$(dirname "$0")/.." && pwd)
vendor="$root/vendor/slides"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
for package in "$REVEAL" "$JQUERY" "$REQUIREJS"; do
    name=${package%@*}
    mkdir "$name"
    tarball=$(npm pack --silent "$package")
    tar -xzf "$tarball" -C "$name" --strip-components=1
done

find "$vendor" -mindepth 1 -not -name README.md -delete
fonts=reveal.js/dist/theme/fonts/source-sans-pro
mkdir -p "$vendor/reveal.js/dist/theme" "$vendor/$fonts" "$vendor/reveal.js/plugin/notes" \
    "$vendor/jquery" "$vendor/requirejs"
cp reveal.js/LICENSE "$vendor/reveal.js/"
cp reveal.js/dist/reveal.js reveal.js/dist/reveal.css "$vendor/reveal.js/dist/"
cp reveal.js/dist/theme/white.css "$vendor/reveal.js/dist/theme/"
# The white theme's font: the WOFF files every current browser takes, its licence.
cp "$fonts"/LICENSE "$fonts"/source-sans-pro.css "$fonts"/*.woff "$vendor/$fonts/"
cp reveal.js/plugin/notes/notes.js "$vendor/reveal.js/plugin/notes/"
cp jquery/dist/jquery.min.js jquery/LICENSE.txt "$vendor/jquery/"
cp requirejs/require.js "$vendor/requirejs/"   # its MIT licence is in its header
chmod -R a+rX,u+w "$vendor"
du -sh "$vendor"
