#!/usr/bin/env bash
# Installs what Mémo vocal needs on Debian or Ubuntu, and only what is missing.
# Usage: bash scripts/installer.sh [--tests]
#   --tests  also installs what the tests need (sox, PulseAudio, pytest…).
# Running it again does nothing that is already done: packages are checked one by one, and the
# Python packages are reinstalled only when pyproject.toml changes.
set -euo pipefail

cd "$(dirname "$0")/.."
for_tests=0
[ "${1:-}" = "--tests" ] && for_tests=1

say() { printf '\n== %s\n' "$*"; }

packages=(espeak-ng libespeak-ng1 libportaudio2 python3 python3-tk)
if [ "$for_tests" = 1 ]; then
  packages+=(sox pulseaudio pulseaudio-utils libasound2-plugins alsa-utils strace)
  # The window's tests: a real X server without a screen, and its screenshots.
  packages+=(xvfb x11-apps x11-utils imagemagick fonts-dejavu-core)
fi
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  packages+=(python3-venv)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "Installation des paquets système : ${missing[*]}"
  sudo_cmd=()
  if [ "$(id -u)" != 0 ]; then
    sudo_cmd=(sudo)
  fi
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

if [ ! -x .venv/bin/python ]; then
  say "Création de l'environnement Python (.venv)"
  python3 -m venv .venv
fi

extras=""
[ "$for_tests" = 1 ] && extras="[dev]"
stamp=".venv/.installe${extras:+-dev}"
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  say "Installation de Mémo vocal et de ses bibliothèques Python"
  .venv/bin/python -m pip install --quiet -e ".${extras}"
  echo "$wanted" > "$stamp"
fi

# Offline, a download attempt costs seconds and the same error block at every start: a failed
# attempt is remembered for a day (the stamp below), or until `memo-vocal telecharger-modele`
# is typed by hand, which removes it.
if [ "$for_tests" = 0 ]; then
  model_state="$(.venv/bin/python -c 'from assistant.model.attempts import model_state; print(model_state())' 2>/dev/null || echo "absent")"
  case "$model_state" in
    present) ;;
    recent-failure)
      printf '%s\n' "Modèle vocal absent : nouvel essai de téléchargement demain, ou tapez : .venv/bin/memo-vocal telecharger-modele"
      ;;
    *)
      say "Téléchargement du modèle vocal français (42 Mo)"
      if ! .venv/bin/memo-vocal telecharger-modele; then
        .venv/bin/python -c 'from assistant.model.attempts import remember_failure; remember_failure()' || true
        cat <<'MSG'

Le modèle vocal n'a pas pu être téléchargé (pas d'internet ?).
Mémo vocal marche quand même au clavier.
Pour la voix, copiez le dossier « vosk-model-small-fr-0.22 » (par exemple depuis une clé USB)
dans le dossier « models » de Mémo vocal, puis relancez. Voir models/README.md.
Le téléchargement ne sera pas réessayé avant demain (ou tapez : memo-vocal telecharger-modele).
MSG
      fi
      ;;
  esac
fi
