# Installe Mémo vocal sous Windows : environnement Python, bibliothèques, modèle vocal.
# Relancé, il ne refait pas ce qui est déjà fait.
# Utilisation : powershell -ExecutionPolicy Bypass -File scripts\installer.ps1 [-Tests]
param([switch]$Tests)
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

if (-not (Get-Command py -ErrorAction SilentlyContinue)) {
    Write-Host "Python 3 est absent. Installez-le depuis le Microsoft Store (Python 3.11), puis relancez."
    exit 1
}
if (-not (Test-Path ".venv\Scripts\python.exe")) {
    Write-Host "== Création de l'environnement Python (.venv)"
    py -3 -m venv .venv
}
$extras = ""
$stamp = ".venv\.installe"
if ($Tests) { $extras = "[dev]"; $stamp = ".venv\.installe-dev" }
$wanted = (Get-FileHash pyproject.toml -Algorithm SHA256).Hash.ToLower()
$done = if (Test-Path $stamp) { (Get-Content $stamp -Raw).Trim() } else { "" }
if ($done -ne $wanted) {
    Write-Host "== Installation de Mémo vocal et de ses bibliothèques Python"
    & ".venv\Scripts\python.exe" -m pip install --quiet -e ".$extras"
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    Set-Content -Path $stamp -Value $wanted
}
if (-not $Tests) {
    & ".venv\Scripts\python.exe" -c "from assistant.model.files import locate_model; locate_model()" 2>$null
    if ($LASTEXITCODE -ne 0) {
        Write-Host "== Téléchargement du modèle vocal français (42 Mo)"
        & ".venv\Scripts\memo-vocal.exe" telecharger-modele
        if ($LASTEXITCODE -ne 0) {
            Write-Host "Le modèle n'a pas pu être téléchargé. Mémo vocal marche quand même au clavier."
            Write-Host "Pour la voix, copiez le dossier vosk-model-small-fr-0.22 (clé USB) dans le dossier models."
        }
    }
}
exit 0
