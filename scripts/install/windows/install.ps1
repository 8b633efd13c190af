<#
.SYNOPSIS
  Installs smppd on Windows: copies launcher.exe, smppd.exe (and the DLLs beside them) to
  -InstallDir, keeps or installs smppd.config there, then registers the launcher either as a
  Windows service (default) or as a Task Scheduler task (start at boot, restart on failure).

.DESCRIPTION
  Service mode uses the launcher's own registration:
      launcher.exe /registerService /displayName="..." /description="..." /startup=auto
  The service is named "launcher" (the executable's base name, as Poco's ServerApplication
  expects). A service is started without arguments, so the launcher reads smppd.config beside
  launcher.exe. The launcher also sets the recovery actions itself (restart after 5 s, 5 s,
  30 s; reset after a day; "enable actions for stops with errors" OFF, so a crash is restarted
  but a stop with exit 64, a config error, is not) and the Event Log source "smppd". This
  script does not call "sc failure" / "sc failureflag": see scripts\install\README.md.
  Stopping the service makes the launcher ask smppd to unbind its sessions and flush the store
  before it exits.

  Task mode registers scripts\install\windows\smppd-task.xml as task "smppd" (SYSTEM, at boot,
  restart every minute on failure). Note: ending a task kills the launcher without a graceful
  stop; prefer the service for planned stops.

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File install.ps1 -SourceDir C:\build\bin
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File install.ps1 -SourceDir C:\build\bin -Mode Task
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [Parameter(Mandatory = $true)][string]$SourceDir,
    [string]$InstallDir = "C:\smppd",
    [string]$Config = "",
    [ValidateSet("Service", "Task")][string]$Mode = "Service",
    [string]$DisplayName = "smppd SMPP server"
)
$ErrorActionPreference = "Stop"
$ServiceName = "launcher"
$TaskName = "smppd"

function Assert-Admin {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    $principal = New-Object Security.Principal.WindowsPrincipal($identity)
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw "install.ps1: run from an elevated (administrator) PowerShell"
    }
}

function Copy-Binaries {
    foreach ($exe in @("launcher.exe", "smppd.exe")) {
        if (-not (Test-Path (Join-Path $SourceDir $exe))) { throw "install.ps1: $exe not found in $SourceDir" }
    }
    New-Item -ItemType Directory -Force -Path $InstallDir, "$InstallDir\logs", "$InstallDir\data" | Out-Null
    Copy-Item -Force -Path (Join-Path $SourceDir "*.exe"), (Join-Path $SourceDir "*.dll") -Destination $InstallDir -ErrorAction SilentlyContinue
    $target = Join-Path $InstallDir "smppd.config"
    if ($Config -ne "") {
        Copy-Item -Force -Path $Config -Destination $target
    } elseif (-not (Test-Path $target)) {
        $sample = Join-Path $PSScriptRoot "..\..\..\config\smppd.config"
        if (-not (Test-Path $sample)) { throw "install.ps1: no -Config given and no sample at $sample" }
        Copy-Item -Path $sample -Destination $target
    }
}

function Install-Service {
    $launcher = Join-Path $InstallDir "launcher.exe"
    if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
        Write-Host "install.ps1: service '$ServiceName' exists; re-registering"
        Stop-Service -Name $ServiceName -ErrorAction SilentlyContinue
        & $launcher /unregisterService | Out-Null
    }
    # Registers the service, its recovery actions and the Event Log source (launcher code, tested).
    & $launcher /registerService "/displayName=$DisplayName" `
        "/description=SMPP 3.4 server: the launcher runs smppd and restarts it" /startup=auto
    if ($LASTEXITCODE -ne 0) { throw "install.ps1: /registerService failed ($LASTEXITCODE)" }
    Start-Service -Name $ServiceName
    Write-Host "install.ps1: service '$ServiceName' installed and started; log: $InstallDir\logs\launcher.log"
}

function Install-Task {
    $xml = Get-Content -Raw -Path (Join-Path $PSScriptRoot "smppd-task.xml")
    $xml = $xml.Replace("__INSTALL_DIR__", $InstallDir)
    if (Get-ScheduledTask -TaskName $TaskName -ErrorAction SilentlyContinue) {
        Unregister-ScheduledTask -TaskName $TaskName -Confirm:$false
    }
    Register-ScheduledTask -TaskName $TaskName -Xml $xml | Out-Null
    Start-ScheduledTask -TaskName $TaskName
    Write-Host "install.ps1: task '$TaskName' registered (at boot, restart on failure) and started"
}

Assert-Admin
Copy-Binaries
if ($Mode -eq "Service") { Install-Service } else { Install-Task }
