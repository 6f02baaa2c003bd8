#!/usr/bin/env bash
# Starts a private dovecot (IMAP, POP3) and a private postfix (SMTP) on loopback for the mail tests,
# installing Debian's packages if needed, and prints where they listen as env lines:
#   export $(scripts/mailserver.sh start)      → KHIDMA_TEST_MAIL=DIR, KHIDMA_TEST_IMAP=127.0.0.1:10143, …
#   scripts/mailserver.sh stop
#   scripts/mailserver.sh status
#   scripts/mailserver.sh deliver USER@DOMAIN FILE   → puts FILE (a raw message) into USER's Maildir new/
# Idempotent: servers already running in DIR are reused. Everything lives in DIR (default /tmp/khidma-mail,
# or $KHIDMA_MAIL_DIR): its own config files, queue, Maildirs and logs; the system-wide /etc/postfix and
# /etc/dovecot are never read or changed, and nothing is relayed anywhere.
# Every test user's password is "secret".
set -euo pipefail
cmd=${1:-start}
dir=${KHIDMA_MAIL_DIR:-/tmp/khidma-mail}
here=$(cd "$(dirname "$0")" && pwd)
templates="$here/mailserver"
host=127.0.0.1
imap_port=${KHIDMA_MAIL_IMAP_PORT:-10143}
imaps_port=${KHIDMA_MAIL_IMAPS_PORT:-10993}
pop3_port=${KHIDMA_MAIL_POP3_PORT:-10110}
pop3s_port=${KHIDMA_MAIL_POP3S_PORT:-10995}
smtp_port=${KHIDMA_MAIL_SMTP_PORT:-10025}
smtps_port=${KHIDMA_MAIL_SMTPS_PORT:-10465}
mail_user=khidmamail
domains="khidma.test example.test"
users="support@khidma.test sales@khidma.test imap@khidma.test pop3@khidma.test tls@khidma.test customer@example.test"

log() { echo "mailserver: $*" >&2; }

ensure_packages() {
  if command -v dovecot >/dev/null && command -v postfix >/dev/null && [ -x /usr/sbin/postconf ] \
     && [ -f /usr/lib/dovecot/imap ] && [ -f /usr/lib/dovecot/pop3 ] && command -v openssl >/dev/null; then
    return
  fi
  log "installing dovecot and postfix from Debian packages…"
  export DEBIAN_FRONTEND=noninteractive
  # "No configuration": the package must not write /etc/postfix/main.cf nor ask questions.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  (apt-get update -qq && apt-get install -y -qq --no-install-recommends \
     dovecot-core dovecot-imapd dovecot-pop3d postfix openssl >/dev/null) >&2
}

ensure_mail_user() {
  if ! id -u "$mail_user" >/dev/null 2>&1; then
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$mail_user"
  fi
}

fill() { # template → file, replacing @NAME@ placeholders
  sed -e "s|@DIR@|$dir|g" -e "s|@UID@|$uid|g" -e "s|@GID@|$gid|g" \
      -e "s|@IMAP_PORT@|$imap_port|g" -e "s|@IMAPS_PORT@|$imaps_port|g" \
      -e "s|@POP3_PORT@|$pop3_port|g" -e "s|@POP3S_PORT@|$pop3s_port|g" \
      -e "s|@SMTP_LISTEN@|$host:$smtp_port|g" -e "s|@SMTPS_LISTEN@|$host:$smtps_port|g" \
      -e "s|@DOMAINS@|$domains|g" -e "s|@SSL_DH@|$ssl_dh|g" "$1" > "$2"
}

maildir_of() { # user@domain → DIR/mail/domain/user/Maildir
  local user=${1%@*} domain=${1#*@}
  echo "$dir/mail/$domain/$user/Maildir"
}

configure() {
  uid=$(id -u "$mail_user"); gid=$(id -g "$mail_user")
  ssl_dh=""
  [ -f /usr/share/dovecot/dh.pem ] && ssl_dh="ssl_dh = </usr/share/dovecot/dh.pem"
  mkdir -p "$dir"/{etc,run,state/dovecot,log,mail,postfix/spool,postfix/data,postfix/etc}
  if [ ! -f "$dir/etc/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=mail.khidma.test" \
      -addext "subjectAltName=DNS:mail.khidma.test,DNS:localhost,IP:127.0.0.1" \
      -keyout "$dir/etc/key.pem" -out "$dir/etc/cert.pem" 2>/dev/null
    chmod 600 "$dir/etc/key.pem"
  fi
  fill "$templates/dovecot.conf" "$dir/etc/dovecot.conf"
  fill "$templates/main.cf" "$dir/postfix/etc/main.cf"
  fill "$templates/master.cf" "$dir/postfix/etc/master.cf"
  : > "$dir/etc/users.new"
  : > "$dir/etc/vmailbox.new"
  for u in $users; do
    local home
    home=$(dirname "$(maildir_of "$u")")
    echo "$u:{PLAIN}secret:$uid:$gid::$home::" >> "$dir/etc/users.new"
    echo "$u ${u#*@}/${u%@*}/Maildir/" >> "$dir/etc/vmailbox.new"
    mkdir -p "$(maildir_of "$u")"/{cur,new,tmp}
  done
  mv "$dir/etc/users.new" "$dir/etc/users"
  mv "$dir/etc/vmailbox.new" "$dir/etc/vmailbox"
  chmod 644 "$dir/etc/users" "$dir/etc/vmailbox"
  chown -R "$uid:$gid" "$dir/mail"
  chown postfix: "$dir/postfix/data"
  chmod 755 "$dir" "$dir/etc" "$dir/run"
}

dovecot_running() {
  [ -f "$dir/run/dovecot/master.pid" ] && kill -0 "$(cat "$dir/run/dovecot/master.pid")" 2>/dev/null
}

postfix_running() {
  postfix -c "$dir/postfix/etc" status >/dev/null 2>&1
}

wait_port() {
  local port=$1 i
  for i in $(seq 1 100); do
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  log "nothing listens on $host:$port; see $dir/log"
  return 1
}

print_env() {
  cat <<ENV
KHIDMA_TEST_MAIL=$dir
KHIDMA_TEST_IMAP=$host:$imap_port
KHIDMA_TEST_IMAPS=$host:$imaps_port
KHIDMA_TEST_POP3=$host:$pop3_port
KHIDMA_TEST_POP3S=$host:$pop3s_port
KHIDMA_TEST_SMTP=$host:$smtp_port
KHIDMA_TEST_SMTPS=$host:$smtps_port
KHIDMA_TEST_MAIL_CERT=$dir/etc/cert.pem
ENV
}

case "$cmd" in
  start)
    ensure_packages
    ensure_mail_user
    configure
    if ! dovecot_running; then
      dovecot -c "$dir/etc/dovecot.conf"
    fi
    if ! postfix_running; then
      postfix -c "$dir/postfix/etc" check >&2
      postfix -c "$dir/postfix/etc" start >/dev/null 2>&1 || {
        log "postfix did not start; see $dir/log/postfix.log"; exit 1; }
    fi
    for p in "$imap_port" "$imaps_port" "$pop3_port" "$pop3s_port" "$smtp_port" "$smtps_port"; do wait_port "$p"; done
    print_env
    ;;
  stop)
    if command -v postfix >/dev/null && [ -f "$dir/postfix/etc/main.cf" ] && postfix_running; then
      postfix -c "$dir/postfix/etc" stop >/dev/null 2>&1 || true
    fi
    if dovecot_running; then
      pid=$(cat "$dir/run/dovecot/master.pid")
      dovecot -c "$dir/etc/dovecot.conf" stop || true
      # Wait for the master to go, so that an immediate start does not find it half alive.
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    ;;
  status)
    dovecot_running && echo "dovecot: running" || echo "dovecot: stopped"
    postfix_running && echo "postfix: running" || echo "postfix: stopped"
    ;;
  deliver)
    [ $# -eq 3 ] || { echo "usage: $0 deliver USER@DOMAIN FILE" >&2; exit 2; }
    target=$(maildir_of "$2")
    [ -d "$target/new" ] || { echo "no such mailbox: $2" >&2; exit 1; }
    name="$(date +%s).$$_$RANDOM.khidma-test"
    cp "$3" "$target/tmp/$name"
    chown "$(id -u "$mail_user"):$(id -g "$mail_user")" "$target/tmp/$name"
    mv "$target/tmp/$name" "$target/new/$name"
    ;;
  *) echo "usage: $0 start|stop|status|deliver USER@DOMAIN FILE" >&2; exit 2 ;;
esac
