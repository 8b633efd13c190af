// suspend.exe PID: suspends every thread of the Windows process PID (what "Suspend" in Process
// Explorer does, a hung process as the launcher sees it: no thread runs, no heartbeat), prints
// "suspended threads=N". Built by scripts/windows/e2e.sh with mingw-w64 for the hang test.
#include <windows.h>
#include <tlhelp32.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: suspend PID\n");
        return 2;
    }
    DWORD pid = (DWORD)strtoul(argv[1], NULL, 10);
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    if (snap == INVALID_HANDLE_VALUE) {
        printf("snapshot failed error=%lu\n", GetLastError());
        return 1;
    }
    THREADENTRY32 te;
    te.dwSize = sizeof(te);
    int n = 0;
    int failed = 0;
    for (BOOL ok = Thread32First(snap, &te); ok; ok = Thread32Next(snap, &te)) {
        if (te.th32OwnerProcessID != pid) {
            continue;
        }
        HANDLE t = OpenThread(THREAD_SUSPEND_RESUME, FALSE, te.th32ThreadID);
        if (t && SuspendThread(t) != (DWORD)-1) {
            ++n;
        } else {
            ++failed;
        }
        if (t) {
            CloseHandle(t);
        }
    }
    CloseHandle(snap);
    printf("suspended threads=%d failed=%d\n", n, failed);
    fflush(stdout);
    return n > 0 ? 0 : 1;
}
