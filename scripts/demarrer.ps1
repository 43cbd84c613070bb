# Installe ce qui manque, puis lance Mémo vocal (Windows, PowerShell).
# Utilisation : powershell -ExecutionPolicy Bypass -File scripts\demarrer.ps1 [options de memo-vocal]
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
& (Join-Path $PSScriptRoot "installer.ps1")
& ".venv\Scripts\memo-vocal.exe" @args
exit $LASTEXITCODE
