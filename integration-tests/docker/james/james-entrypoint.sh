#!/bin/sh
# Starts James as the official image does (same flags, same class path layout), plus a hosts file:
# James resolves every client's name before any handler runs, and a slow resolver stalls all
# connections. Java then reads only this file; James needs localhost and its own host name in it.
set -e
printf '127.0.0.1 localhost %s\n::1 localhost\n' "$(uname -n)" > /root/hosts
exec java \
  -Dworking.directory=/root/ \
  -Dlogback.configurationFile=/root/conf/logback.xml \
  -Djdk.tls.ephemeralDHKeySize=2048 \
  -Djdk.net.hosts.file=/root/hosts \
  -cp '/root/libs/*' \
  org.apache.james.MemoryJamesServerMain "$@"
