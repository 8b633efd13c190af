#!/usr/bin/env bash
# Cross-builds smppd's dependencies for 64-bit Windows from Debian's own source packages, with
# Debian's mingw-w64 (posix threads), as static libraries into one sysroot:
#   OpenSSL, SQLite (amalgamation), fmt, Catch2 2 and Poco (Foundation, Net, NetSSL_OpenSSL,
#   Crypto, Util, XML, JSON) with the patches in scripts/windows/patches/.
# The sysroot is cached outside the clone, one per toolchain, each component stamped with its
# version and recipe (see below), so a second run takes seconds. Prints the sysroot's path last.
#   SMPPD_WIN_CACHE   cache folder [~/.cache/smppd-windows]
set -euo pipefail
shopt -s inherit_errexit
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jobs=${JOBS:-2}
cache=${SMPPD_WIN_CACHE:-$HOME/.cache/smppd-windows}
triple=x86_64-w64-mingw32
toolchain=$root/cmake/toolchains/mingw-w64-x86_64.cmake
log() { printf 'deps: %s\n' "$*" >&2; }

# --- Debian's source packages, through a private apt folder --------------------------------
# The deb-src entries are the machine's own Debian entries with Types: deb-src, so no host name
# is written here, and the system's apt configuration is left as it is.
aptdir=$cache/apt
apt_private=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$aptdir/sources"
             -o "Dir::State::Lists=$aptdir/lists" -o "Dir::Cache=$aptdir/cache")
write_deb_src() {
    mkdir -p "$aptdir/sources" "$aptdir/lists/partial" "$aptdir/cache/archives/partial"
    local out=$aptdir/sources/debian-src.sources
    : >"$out"
    local f
    for f in /etc/apt/sources.list.d/*.sources; do
        [[ -f $f ]] || continue
        # Keep only the stanzas of Debian's own archive (their Suites name a Debian release).
        awk -v RS= -v ORS='\n\n' '/Suites:[^\n]*(bookworm|trixie|bullseye)/ && /Types:[^\n]*deb/' "$f" |
            sed -E 's/^Types:.*/Types: deb-src/' >>"$out"
    done
    if [[ -f /etc/apt/sources.list ]]; then
        grep -E '^deb\s' /etc/apt/sources.list | grep -E 'bookworm|trixie|bullseye' |
            sed -E 's/^deb(\s)/deb-src\1/' >"$aptdir/sources/debian-src.list" || true
    fi
}

# name -> Debian source package (fmt's is fmtlib).
declare -A source_of=([openssl]=openssl [sqlite3]=sqlite3 [fmt]=fmtlib [catch2]=catch2 [poco]=poco)
declare -A version_of

# The newest version of each source package that the archive still serves (a mirror may list
# a security update whose files it no longer has), downloaded into the cache.
resolve_versions() {
    write_deb_src
    apt-get "${apt_private[@]}" update -qq >&2
    local name ver
    for name in "${!source_of[@]}"; do
        for ver in $(apt-cache "${apt_private[@]}" showsrc "${source_of[$name]}" |
            awk '/^Version:/ {print $2}' | sort -Vr | uniq); do
            if download "$name" "$ver"; then
                version_of[$name]=$ver
                break
            fi
        done
        [[ -n ${version_of[$name]:-} ]] || { log "no source package ${source_of[$name]}"; exit 1; }
    done
}

download() { # download NAME VERSION: into $cache/dl/NAME/VERSION unless there already
    local dir=$cache/dl/$1/$2
    [[ -f $dir/.complete ]] && return 0
    rm -rf "$dir" && mkdir -p "$dir"
    if (cd "$dir" && apt-get "${apt_private[@]}" source --download-only -qq "${source_of[$1]}=$2" \
            >/dev/null 2>&1); then
        touch "$dir/.complete"
        return 0
    fi
    log "${source_of[$1]} $2: not served by the archive; trying an older version"
    rm -rf "$dir"
    return 1
}

fetch() { # fetch NAME -> prints the unpacked source folder
    local name=$1
    local dir=$work/src/$name
    if [[ ! -d $dir ]]; then
        local dsc
        dsc=$(ls "$cache/dl/$name/${version_of[$name]}"/*.dsc | head -1)
        mkdir -p "$work/src"
        dpkg-source --no-check -x "$dsc" "$dir" >/dev/null
    fi
    echo "$dir"
}

# --- the builds ------------------------------------------------------------------------------
build_openssl() {
    local src
    src=$(fetch openssl)
    log "openssl ${version_of[openssl]}"
    (cd "$src" &&
        CC=gcc-posix ./Configure mingw64 --cross-compile-prefix=$triple- no-shared no-tests \
            --prefix="$sysroot" --openssldir="$sysroot/ssl" --libdir=lib >&2 &&
        make -s -j"$jobs" build_libs >&2 && make -s install_dev >&2)
}

build_sqlite3() {
    local src
    src=$(fetch sqlite3)
    log "sqlite ${version_of[sqlite3]}"
    mkdir -p "$work/sqlite-native"
    (cd "$work/sqlite-native" && "$src/configure" --disable-tcl >/dev/null && make -s sqlite3.c >&2)
    local cc=$triple-gcc-posix
    # Debian's own compile options that matter here; synchronous is set by the store itself.
    "$cc" -O2 -DSQLITE_THREADSAFE=1 -DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_MATH_FUNCTIONS \
        -c "$work/sqlite-native/sqlite3.c" -o "$work/sqlite3.o"
    mkdir -p "$sysroot/lib" "$sysroot/include"
    $triple-gcc-ar-posix rcs "$sysroot/lib/libsqlite3.a" "$work/sqlite3.o"
    cp "$work/sqlite-native/sqlite3.h" "$src/src/sqlite3ext.h" "$sysroot/include/" 2>/dev/null ||
        cp "$work/sqlite-native/sqlite3.h" "$sysroot/include/"
}

cmake_cross() { # cmake_cross SRC BUILD [args...]
    local src=$1 build=$2
    shift 2
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
        -DSMPPD_WIN_SYSROOT="$sysroot" -DCMAKE_INSTALL_PREFIX="$sysroot" \
        -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF "$@" >/dev/null
    cmake --build "$build" -j "$jobs" >/dev/null
    cmake --install "$build" >/dev/null
}

build_fmt() {
    local src
    src=$(fetch fmt)
    log "fmt ${version_of[fmt]}"
    cmake_cross "$src" "$work/build/fmt" -DFMT_TEST=OFF -DFMT_DOC=OFF
}

build_catch2() {
    local src
    src=$(fetch catch2)
    log "catch2 ${version_of[catch2]}"
    # Catch2WithMain (a static library holding main()), as Debian's own build has it.
    cmake_cross "$src" "$work/build/catch2" -DCATCH_BUILD_TESTING=OFF -DCATCH_INSTALL_DOCS=OFF \
        -DCATCH_INSTALL_HELPERS=ON -DBUILD_TESTING=OFF -DCATCH_BUILD_STATIC_LIBRARY=ON
}

build_poco() {
    local src
    src=$(fetch poco)
    log "poco ${version_of[poco]} (+ $(ls "$here/patches" | tr '\n' ' '))"
    local p
    for p in "$here"/patches/poco-*.patch; do
        patch -d "$src" -p1 -s --forward <"$p" || { log "patch failed: $p"; exit 1; }
    done
    local off=(ENCODINGS MONGODB REDIS PDF SEVENZIP ZIP CPPPARSER POCODOC PAGECOMPILER
               PAGECOMPILER_FILE2PAGE DATA DATA_SQLITE DATA_MYSQL DATA_POSTGRESQL DATA_ODBC
               APACHECONNECTOR JWT ACTIVERECORD ACTIVERECORD_COMPILER NETSSL_WIN PROMETHEUS TESTS)
    local flags=() m
    for m in "${off[@]}"; do flags+=("-DENABLE_$m=OFF"); done
    cmake_cross "$src" "$work/build/poco" "${flags[@]}" \
        -DENABLE_FOUNDATION=ON -DENABLE_NET=ON -DENABLE_UTIL=ON -DENABLE_XML=ON -DENABLE_JSON=ON \
        -DENABLE_CRYPTO=ON -DENABLE_NETSSL=ON -DFORCE_OPENSSL=ON -DPOCO_UNBUNDLED=OFF \
        -DOPENSSL_ROOT_DIR="$sysroot" -DOPENSSL_USE_STATIC_LIBS=TRUE
}

# --- the cache: one sysroot per toolchain, one stamp per component ---------------------------
# A component is rebuilt (installed over the sysroot) when its stamp is missing: its stamp names
# a hash of its source version, its build function, the helpers and, for Poco, the patches and
# OpenSSL's stamp. So changing one recipe rebuilds that component alone.
resolve_versions
toolchain_key=$( (cat "$toolchain"; $triple-g++-posix --version | head -1) | sha256sum | cut -c1-12)
sysroot=$cache/sysroot-$toolchain_key
declare -A stamp_of
stamp_for() { # stamp_for NAME [extra text...]
    local name=$1
    shift
    { echo "${version_of[$name]}"; declare -f "build_$name" fetch cmake_cross; printf '%s\n' "$@"; } |
        sha256sum | cut -c1-12
}
stamp_of[openssl]=$(stamp_for openssl)
stamp_of[sqlite3]=$(stamp_for sqlite3)
stamp_of[fmt]=$(stamp_for fmt)
stamp_of[catch2]=$(stamp_for catch2)
stamp_of[poco]=$(stamp_for poco "${stamp_of[openssl]}" "$(cat "$here"/patches/*)")

started=$(date +%s)
work=$cache/work-$toolchain_key
rm -rf "$work"
mkdir -p "$sysroot" "$work"
built=0
for name in openssl sqlite3 fmt catch2 poco; do
    stamp=$sysroot/.built-$name-${stamp_of[$name]}
    if [[ -f $stamp ]]; then
        log "cached: $name ${version_of[$name]}"
        continue
    fi
    rm -f "$sysroot"/.built-"$name"-*
    "build_$name"
    echo "${version_of[$name]}" >"$stamp"
    built=1
done
rm -rf "$work"
((built)) && log "built in $(($(date +%s) - started)) s: $sysroot"
echo "$sysroot"
