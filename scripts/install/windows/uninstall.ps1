<#
.SYNOPSIS
  Removes what install.ps1 set up: stops and unregisters the "launcher" service
  (launcher.exe /unregisterService) and/or the "smppd" scheduled task. Files are kept unless
  -RemoveFiles is given (config, data and logs included then).
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File uninstall.ps1
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File uninstall.ps1 -RemoveFiles
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string]$InstallDir = "C:\smppd",
    [switch]$RemoveFiles
)
$ErrorActionPreference = "Stop"
$ServiceName = "launcher"
$TaskName = "smppd"

$identity = [Security.Principal.WindowsIdentity]::GetCurrent()
if (-not (New-Object Security.Principal.WindowsPrincipal($identity)).IsInRole(
        [Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw "uninstall.ps1: run from an elevated (administrator) PowerShell"
}

if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
    # A service stop is a graceful stop: smppd unbinds its sessions and flushes the store.
    Stop-Service -Name $ServiceName -ErrorAction SilentlyContinue
    & (Join-Path $InstallDir "launcher.exe") /unregisterService
    if ($LASTEXITCODE -ne 0) { & sc.exe delete $ServiceName | Out-Null }
    Write-Host "uninstall.ps1: service '$ServiceName' removed"
}

if (Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue) {
    Stop-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue
    Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
    Write-Host "uninstall.ps1: task '$TaskName' removed"
}

if ($RemoveFiles -and (Test-Path $InstallDir)) {
    Remove-Item -Recurse -Force -Path $InstallDir
    Write-Host "uninstall.ps1: removed $InstallDir"
}
