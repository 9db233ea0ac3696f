#!/usr/bin/env bash
# Regenerates the sample episode's audio from its narration text, so the
# committed mp3 is reproducible. Needs espeak-ng and lame
# (apt-get install -y espeak-ng lame).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="$root/episodes/audio/2025-01-16-china-japan-relations-reset"
narration="$base.narration.txt"
mp3="$base.mp3"

for tool in espeak-ng lame; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install -y espeak-ng lame)" >&2; exit 1; }
done

wav="$(mktemp --suffix=.wav)"
trap 'rm -f "$wav"' EXIT

# A fixed voice and speed keep the chapter stamps in the episode valid.
espeak-ng -v en-us -s 165 -f "$narration" -w "$wav"
# Mono at 32 kbit/s keeps the committed file small (well under 1 MB).
lame --quiet -m m -b 32 "$wav" "$mp3"

echo "wrote $mp3 ($(wc -c <"$mp3") bytes)"
