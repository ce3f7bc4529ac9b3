#!/usr/bin/env bash
# Install the Debian packages the site needs, only those that are missing.
#   scripts/system_packages.sh             Korean font, poppler (PDF checks) and pango (weasyprint)
#   scripts/system_packages.sh --browser   the same, plus chromium for the browser tests and
#                                          Node.js's npm for axe-core (package.json)
# Never fails the build: when a package cannot be installed it says so and goes on,
# so the tests that need it can report what is missing.
set -uo pipefail

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

missing=()
# The PDF and its charts ask for NanumGothic, then Noto Sans CJK KR (static/report/report.css).
korean_font_installed() {
    command -v fc-list >/dev/null || return 1
    [[ -n "$(fc-list :lang=ko family 2>/dev/null | grep -E 'NanumGothic|Noto Sans CJK KR')" ]]
}
korean_font_installed || missing+=(fontconfig fonts-nanum)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; then
    missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fi
if (( want_browser )); then
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    [[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
    command -v npm >/dev/null || missing+=(npm)
fi

if (( ${#missing[@]} == 0 )); then
    echo "시스템 패키지: 모두 설치되어 있습니다."
    exit 0
fi

echo "시스템 패키지가 없습니다: ${missing[*]}"
if [[ "$(id -u)" != 0 ]]; then
    echo "  root가 아니므로 설치를 건너뜁니다. 직접 설치하세요: sudo apt-get install -y ${missing[*]}"
    exit 0
fi
if ! command -v apt-get >/dev/null; then
    echo "  apt-get이 없어 설치를 건너뜁니다 (Debian/Ubuntu가 아닌 환경)."
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    echo "  설치했습니다: ${missing[*]}"
else
    echo "  설치에 실패했습니다: ${missing[*]} (계속 진행합니다)"
fi
exit 0
