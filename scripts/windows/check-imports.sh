#!/usr/bin/env bash
# Fails when a Windows executable imports a DLL that is neither a Windows system DLL nor shipped
# beside it. Usage: check-imports.sh EXE...
set -euo pipefail
# DLLs every supported Windows (Server 2016 and later) has in System32.
system_dlls=" advapi32.dll bcrypt.dll crypt32.dll gdi32.dll iphlpapi.dll kernel32.dll msvcrt.dll
 ntdll.dll ole32.dll rpcrt4.dll secur32.dll shell32.dll user32.dll userenv.dll ws2_32.dll
 mswsock.dll dnsapi.dll version.dll shlwapi.dll oleaut32.dll wevtapi.dll "
system_dlls=" $(echo $system_dlls) " # one space between names, and around them
failed=0
for exe in "$@"; do
    imports=$(x86_64-w64-mingw32-objdump -p "$exe" | awk '/DLL Name:/ {print tolower($3)}' | sort -u)
    [[ -n $imports ]] || { echo "check-imports: $exe: no import table read" >&2; failed=1; continue; }
    for dll in $imports; do
        if [[ $system_dlls == *" $dll "* ]]; then continue; fi
        if [[ -f $(dirname "$exe")/$dll ]]; then continue; fi
        echo "check-imports: FAIL $exe imports $dll (neither a Windows system DLL nor shipped)" >&2
        failed=1
    done
    echo "check-imports: $(basename "$exe"): $(echo $imports)"
done
exit $failed
