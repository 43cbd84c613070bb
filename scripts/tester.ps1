# Installe ce qu'il faut pour les tests, puis les lance (Windows, PowerShell).
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
& (Join-Path $PSScriptRoot "installer.ps1") -Tests
& ".venv\Scripts\python.exe" -m pytest @args
exit $LASTEXITCODE
