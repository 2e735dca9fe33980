#!/usr/bin/env bash
# Copy the npm-installed front-end assets into the Django static folder (served by WhiteNoise).
set -euo pipefail
doel=src/doorbraak/web/static/vendor
mkdir -p "$doel/utrecht" "$doel/htmx"
cp node_modules/@utrecht/component-library-css/dist/index.css "$doel/utrecht/component-library.css"
cp node_modules/@utrecht/design-tokens/dist/theme.css "$doel/utrecht/design-tokens.css"
cp node_modules/htmx.org/dist/htmx.min.js "$doel/htmx/htmx.min.js"
touch "$doel/.klaar"
