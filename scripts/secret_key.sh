#!/usr/bin/env bash
# Print the SECRET_KEY kept in FILE (default var/secret_key), generating it first when there is
# none: 64 random URL-safe characters, readable by the owner only (mode 600). scripts/serve.sh
# uses it when SECRET_KEY is unset, so sessions survive a restart.
set -euo pipefail
key_file="${1:-var/secret_key}"
if [[ ! -s "$key_file" ]]; then
    mkdir -p "$(dirname "$key_file")"
    (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(64))' > "$key_file")
    echo "SECRET_KEY를 새로 만들어 ${key_file}에 두었습니다 (권한 600, 다음부터 다시 씁니다)." >&2
fi
chmod 600 "$key_file"
cat "$key_file"
