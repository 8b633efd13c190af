#!/usr/bin/env bash
# scripts/windows/check-imports.sh must refuse an executable that needs a DLL which is neither a
# Windows system DLL nor shipped beside it, and accept it once the DLL is beside it.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cc=x86_64-w64-mingw32-gcc-posix
printf 'int helper(void) { return 42; }\n' >"$dir/helper.c"
printf 'int helper(void);\nint main(void) { return helper() == 42 ? 0 : 1; }\n' >"$dir/main.c"
$cc -shared -o "$dir/libhelper.dll" "$dir/helper.c"
mkdir "$dir/pkg"
$cc -o "$dir/pkg/needs-helper.exe" "$dir/main.c" -L"$dir" -lhelper
if "$repo/scripts/windows/check-imports.sh" "$dir/pkg/needs-helper.exe" 2>"$dir/err"; then
    echo "check-imports-test: FAIL: an executable needing libhelper.dll was accepted" >&2
    exit 1
fi
grep -q "imports libhelper.dll" "$dir/err" || { cat "$dir/err" >&2; exit 1; }
cp "$dir/libhelper.dll" "$dir/pkg/"
"$repo/scripts/windows/check-imports.sh" "$dir/pkg/needs-helper.exe" >/dev/null
echo "check-imports-test: ok (refused without the DLL, accepted with it beside the exe)"
