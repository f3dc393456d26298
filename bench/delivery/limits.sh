#!/usr/bin/env bash
# The two limits the end-to-end email benchmark is compared with, measured on this machine:
#  1. Postfix's smtp-source -> smtp-sink on loopback (the SMTP path without Clipcast), messages/s;
#  2. RSA-2048 signatures/s on all cores in the JVM (DKIM signing), and OpenSSL's figure for reference.
# Needs: postfix (smtp-source, smtp-sink), openssl, a JDK >= 21. Traffic stays on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")"
MESSAGES=${MESSAGES:-20000}
SESSIONS=${SESSIONS:-20}
SIZE=${SIZE:-4096}   # bytes per message: a marketing email with text and HTML parts
PORT=${PORT:-25250}

# smtp-sink refuses to run as root without -u: give it an unprivileged user.
sink_user=$( [ "$(id -u)" = 0 ] && echo "-u nobody" || true )
/usr/sbin/smtp-sink $sink_user 127.0.0.1:$PORT 256 >/dev/null 2>&1 &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
sleep 0.5
start=$(date +%s.%N)
/usr/sbin/smtp-source -s "$SESSIONS" -m "$MESSAGES" -l "$SIZE" -f bench@clipcast.test -t sink@clipcast.test 127.0.0.1:$PORT
end=$(date +%s.%N)
smtp=$(echo "$MESSAGES / ($end - $start)" | bc -l)
printf 'smtp_source_to_sink_messages_per_second %.0f (%d messages of %d bytes, %d sessions)\n' "$smtp" "$MESSAGES" "$SIZE" "$SESSIONS"

jvm=$(${JAVA_HOME:+$JAVA_HOME/bin/}java RsaSign.java 5 | tee /dev/stderr | awk '{print $2}')
openssl speed -seconds 3 -multi "$(nproc)" rsa2048 2>/dev/null | awk '/^rsa 2048/ {print "openssl_rsa2048_signatures_per_second " $6}'

limit=$(echo "if ($smtp < $jvm) $smtp else $jvm" | bc -l)
printf 'limit_for_email_send %.0f messages/s (the smaller of the two); target >= 0.6 of it = %.0f/s\n' "$limit" "$(echo "$limit * 0.6" | bc -l)"
