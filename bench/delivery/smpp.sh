#!/usr/bin/env bash
# SMPP send benchmark: submit_sm/s through Clipcast's SMPP transport on one transceiver bind to a local jSMPP SMS
# centre, with the ratio to the target (>= 1,000/s per bind). Needs a JDK >= 21 and the project built with its tests
# compiled (the SMS centre is the test suite's). Settings: MESSAGES (50000), SENDERS (64), WINDOW (64).
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES=${MESSAGES:-50000}
SENDERS=${SENDERS:-64}
WINDOW=${WINDOW:-64}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -d target/test-classes/clipcast/delivery/sms ] || ./mvnw -q -DskipTests test-compile
M2=${M2:-$HOME/.m2/repository}
JSMPP=$(find "$M2/org/jsmpp/jsmpp" -name 'jsmpp-*.jar' | sort -V | tail -1)
SLF4J=$(find "$M2/org/slf4j/slf4j-api" -name 'slf4j-api-2*.jar' | sort -V | tail -1)
CP=target/classes:target/test-classes:$JSMPP:$SLF4J
"$JAVA" -cp "$CP" bench/delivery/SmppBench.java "$MESSAGES" "$SENDERS" "$WINDOW"
