#!/usr/bin/env bash
# The two limits the end-to-end email benchmark is compared with, measured on this machine:
#  1. Postfix's smtp-source -> smtp-sink on loopback (the SMTP path without Clipcast), messages/s;
#  2. RSA-2048 signatures/s on all cores in the JVM (DKIM signing), and OpenSSL's figure for reference.
#     The JVM's figure is that of the provider Clipcast signs with: Conscrypt when the jar (JAR) carries it, the JDK's
#     otherwise; both are printed.
# Needs: postfix (smtp-source, smtp-sink), openssl, unzip, a JDK >= 21. Traffic stays on 127.0.0.1.
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

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
line=$($java RsaSign.java 5 jdk)
echo "$line"
jdk=$(echo "$line" | awk '{print $2}')
# Clipcast signs through Conscrypt (BoringSSL) where its native library loads: that is the JVM's limit when the
# Clipcast jar carries it (JAR, as in email-e2e.sh).
JAR=${JAR:-../../target/clipcast.jar}
conscrypt_jar=$(unzip -Z1 "$JAR" 2>/dev/null | grep -m1 'BOOT-INF/lib/conscrypt-openjdk-uber' || true)
if [ -n "$conscrypt_jar" ]; then
  tmp=$(mktemp -d)
  unzip -q -j "$JAR" "$conscrypt_jar" -d "$tmp"
  line=$($java --enable-native-access=ALL-UNNAMED -cp "$tmp/$(basename "$conscrypt_jar")" RsaSign.java 5 conscrypt)
  echo "$line"
  jvm=$(echo "$line" | awk '{print $2}')
  rm -rf "$tmp"
else
  jvm=$jdk
fi
openssl speed -seconds 3 -multi "$(nproc)" rsa2048 2>/dev/null | awk '/^rsa 2048/ {print "openssl_rsa2048_signatures_per_second " $6}'

limit=$(echo "if ($smtp < $jvm) $smtp else $jvm" | bc -l)
printf 'limit_for_email_send %.0f messages/s (the smaller of the two); target >= 0.6 of it = %.0f/s\n' "$limit" "$(echo "$limit * 0.6" | bc -l)"
