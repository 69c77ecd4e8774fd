#!/usr/bin/env bash
# What installing prodcons gives, checked from outside (ctest label "package"):
#   check_package.sh install  BUILD SOURCE VERSION   cmake --install into a scratch prefix, run it
#   check_package.sh deb      BUILD SOURCE VERSION   cpack -G DEB, read its control, dpkg-deb -x, run it
#   check_package.sh man      BUILD SOURCE VERSION   man pages format without warnings, cover --help
#   check_package.sh metadata BUILD SOURCE VERSION   desktop entries and AppStream metadata validate
# The installed programs run with no display and no QT_QPA_PLATFORM: --help and --version need
# none. A check whose tool is missing exits 77, which CTest reports as skipped; ./run test
# installs every tool they use.
set -euo pipefail

check=${1:?usage: check_package.sh install|deb|man|metadata BUILD SOURCE VERSION}
build=${2:?}
source=${3:?}
version=${4:?}

programs=(socket_srv socket_cl prodcons-server prodcons-client)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/prodcons-package.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed" >&2; exit 77; }
    done
}

# The files an install must hold, relative to its prefix.
expected_files() {
    for p in "${programs[@]}"; do
        echo "bin/$p"
        echo "share/man/man1/$p.1.gz"
    done
    for app in client server; do
        echo "share/applications/io.github.prodcons.$app.desktop"
        echo "share/metainfo/io.github.prodcons.$app.metainfo.xml"
        for size in 16 24 32 48 64 128; do
            echo "share/icons/hicolor/${size}x${size}/apps/prodcons-$app.png"
        done
    done
    echo "share/icons/hicolor/256x256/apps/prodcons-server.png"
}

# Every expected file is in PREFIX, and the installed programs answer --version and --help
# with no display.
check_tree() {
    local prefix=$1
    local missing=0
    while read -r file; do
        [ -f "$prefix/$file" ] || { echo "missing: $prefix/$file" >&2; missing=1; }
    done < <(expected_files)
    [ "$missing" -eq 0 ] || fail "files missing from the install"
    for p in "${programs[@]}"; do
        [ -x "$prefix/bin/$p" ] || fail "$prefix/bin/$p is not executable"
        local out
        out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$prefix/bin/$p" --version) ||
            fail "$p --version exited with $?"
        [ "$out" = "$p $version" ] || fail "$p --version said '$out', not '$p $version'"
        out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$prefix/bin/$p" --help) ||
            fail "$p --help exited with $?"
        grep -q '^Usage: ' <<<"$out" || fail "$p --help printed no usage line"
    done
    echo "ok: $(find "$prefix" -type f | wc -l) files; the four programs answer --version and --help"
}

case "$check" in
    install)
        need cmake
        cmake --install "$build" --prefix "$scratch/usr" >/dev/null
        check_tree "$scratch/usr"
        ;;
    deb)
        need cpack dpkg-deb dpkg-shlibdeps file
        # The package ./run package makes (the build's CPack configuration, so its control
        # fields, its dpkg-shlibdeps Depends and its /usr prefix), from the same install rules
        # run here with --strip as CPack runs them: CPack's own install step first runs the
        # build's "preinstall" target, which checks the whole build and takes half a minute.
        cmake --install "$build" --prefix "$scratch/stage/usr" --strip >/dev/null
        cpack --config "$build/CPackConfig.cmake" -B "$scratch/out" \
            -D CPACK_INSTALL_CMAKE_PROJECTS= -D "CPACK_INSTALLED_DIRECTORIES=$scratch/stage;." \
            >"$scratch/cpack.log" 2>&1 || { cat "$scratch/cpack.log" >&2; fail "cpack failed"; }
        debs=("$scratch"/out/prodcons_*.deb)
        if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
            fail "cpack made no prodcons_*.deb"
        fi
        deb=${debs[0]}
        [ "$(dpkg-deb -f "$deb" Package)" = prodcons ] || fail "the package is not called prodcons"
        [ "$(dpkg-deb -f "$deb" Version)" = "$version-1" ] || fail "the version is not $version-1"
        depends=$(dpkg-deb -f "$deb" Depends)
        names=" $(sed 's/ *([^)]*)//g; s/,/ /g' <<<"$depends" | tr -s ' ') "
        for lib in libqt6core6 libqt6gui6 libqt6network6 libqt6widgets6 \
                   librabbitmq4 libssl3 libc6 libstdc++6; do
            [[ $names == *" $lib "* ]] || fail "Depends lacks $lib: $depends"
        done
        # Everything lives under /usr, nothing under /usr/local or the build tree.
        if dpkg-deb -c "$deb" | awk '{print $6}' | grep -Ev '^\./(usr/?|usr/(bin|share)(/.*)?)?$'; then
            fail "files outside /usr/bin and /usr/share"
        fi
        dpkg-deb -x "$deb" "$scratch/root"
        check_tree "$scratch/root/usr"
        echo "ok: $(basename "$deb"), $(stat -c %s "$deb") bytes; Depends: $depends"
        ;;
    man)
        need groff
        for p in "${programs[@]}"; do
            page=$source/man/$p.1
            [ -f "$page" ] || fail "no man page $page"
            warnings=$(groff -man -ww -z "$page" 2>&1) || fail "groff failed on $page"
            [ -z "$warnings" ] || fail "groff warns about $page: $warnings"
            # Every long option --help lists is in the page (written \-\-name there).
            options=$(env -u DISPLAY -u QT_QPA_PLATFORM "$build/bin/$p" --help |
                grep -Eo '^ +(-[a-z], )?--[a-z][a-z-]*' | sed 's/.*--//')
            [ -n "$options" ] || fail "$p --help lists no options"
            for option in $options; do
                grep -Fq -- "\\-\\-${option//-/\\-}" "$page" ||
                    fail "$page does not mention --$option (from $p --help)"
            done
        done
        echo "ok: four man pages format without warnings and cover their programs' --help"
        ;;
    metadata)
        need desktop-file-validate appstreamcli
        for app in client server; do
            desktop=$source/resources/io.github.prodcons.$app.desktop
            desktop-file-validate "$desktop" || fail "desktop-file-validate: $desktop"
            appstreamcli validate --no-net "$source/resources/io.github.prodcons.$app.metainfo.xml" ||
                fail "appstreamcli validate: io.github.prodcons.$app.metainfo.xml"
            # The window says which desktop file it is; that file must exist.
            grep -Rq "setDesktopFileName(QStringLiteral(\"io.github.prodcons.$app\"))" \
                "$source/$app-gui/window/" ||
                fail "$app-gui/window does not set the desktop file name io.github.prodcons.$app"
        done
        echo "ok: desktop entries and AppStream metadata validate"
        ;;
    *)
        fail "unknown check '$check'"
        ;;
esac
