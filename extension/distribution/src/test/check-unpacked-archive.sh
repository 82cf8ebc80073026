#!/usr/bin/env bash
# The archive as an operator uses it: unpacked into a folder of its own, far from the checkout, the launcher
# run from yet another folder. Fails when a part is missing or bin/imsa-james cannot check the example settings.
#   check-unpacked-archive.sh ARCHIVE VERSION
set -euo pipefail
archive="$1"
version="$2"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
home="$work/imsa-james-$version"

accp="$(cd "$home" && ls extensions-jars/AmazonCorrettoCryptoProvider-*-linux-x86_64.jar 2>/dev/null | head -1)"
for part in "extensions-jars/imsa-james-extension-$version.jar" "lib/imsa-james-generator-$version-cli.jar" \
        "${accp:-extensions-jars/AmazonCorrettoCryptoProvider-VERSION-linux-x86_64.jar}" \
        bin/imsa-james conf-templates/imsa-settings.example.yaml conf-templates/smtpserver.xml \
        conf-templates/mailetcontainer.xml conf-templates/README.md README.md; do
    if [ ! -e "$home/$part" ]; then
        echo "error: the archive has no $part" >&2
        exit 1
    fi
done
if [ "$(find "$home" -name '*.jar' | wc -l)" -ne 3 ]; then
    echo "error: the archive holds other jars than the drop-in jar, the native provider and the generator:" >&2
    find "$home" -name '*.jar' >&2
    exit 1
fi

cd /
output="$("$home/bin/imsa-james" check --settings "$home/conf-templates/imsa-settings.example.yaml" 2>&1)" || {
    echo "error: bin/imsa-james check failed in the unpacked archive:" >&2
    echo "$output" >&2
    exit 1
}
case "$output" in
    *"imsa-settings.example.yaml: ok"*) echo "Unpacked archive: bin/imsa-james check of the example settings: ok" ;;
    *) echo "error: unexpected output of bin/imsa-james check:" >&2; echo "$output" >&2; exit 1 ;;
esac
