// terminate.exe PID [CODE]: TerminateProcess on the Windows process PID with exit code CODE
// (default 1, what Task Manager's "End task" and `taskkill /f` leave), prints "terminated" or
// the error. The hard kill of tests/windows/restart.test.js.
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: terminate PID [CODE]\n");
        return 2;
    }
    DWORD pid = (DWORD)strtoul(argv[1], NULL, 10);
    UINT code = argc > 2 ? (UINT)strtoul(argv[2], NULL, 10) : 1;
    HANDLE p = OpenProcess(PROCESS_TERMINATE, FALSE, pid);
    if (!p) {
        printf("open failed error=%lu\n", GetLastError());
        return 1;
    }
    BOOL ok = TerminateProcess(p, code);
    DWORD err = GetLastError();
    CloseHandle(p);
    if (!ok) {
        printf("terminate failed error=%lu\n", err);
        return 1;
    }
    printf("terminated\n");
    return 0;
}
