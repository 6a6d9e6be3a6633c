#!/usr/bin/env bash
# Debian packages socialplan's report and tests need. Installs only what is missing, and only
# where it can (root with apt-get); elsewhere it says what to install and carries on.
set -u
need=()
fc-list 2>/dev/null | grep -qi "Noto Sans Thai" || need+=(fonts-noto-core)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
# The web app's browser tests drive Debian's Chromium; its catalogues are extracted with xgettext.
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v xgettext >/dev/null || need+=(gettext)
# The publisher's RQ task backend is tested against a real Redis.
command -v redis-server >/dev/null || need+=(redis-server)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "please install these Debian packages: ${need[*]}" >&2
fi
