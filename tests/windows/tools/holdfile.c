// holdfile.exe PATH SECONDS: opens PATH for reading the way a log tail or a log shipper does
// (FILE_SHARE_READ | FILE_SHARE_WRITE, no FILE_SHARE_DELETE), prints "held", keeps the handle
// SECONDS seconds (or until killed), then closes it and prints "released".
// Built by scripts/windows/e2e.sh with mingw-w64 for tests/windows/log-rotation.test.js.
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

int wmain(int argc, wchar_t** argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: holdfile PATH SECONDS\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
        OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        printf("open failed error=%lu\n", GetLastError());
        fflush(stdout);
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    Sleep((DWORD)(_wtoi(argv[2]) * 1000));
    CloseHandle(h);
    printf("released\n");
    fflush(stdout);
    return 0;
}
