#!/usr/bin/env bash
# Runs the ipc, server and acceptance tests of a build once more as an unprivileged user
# (nobody by default), because root is not bound by what binds users: object permissions,
# /proc/sys/fs/mqueue limits, RLIMIT_MSGQUEUE. ./run test calls it after the normal pass when
# it runs as root.
#   scripts/test-as-user.sh BUILD_DIR [ctest options]
set -euo pipefail

build_dir=$(cd "${1:?usage: scripts/test-as-user.sh BUILD_DIR [ctest options]}" && pwd)
shift
user=${PRODCONS_TEST_USER:-nobody}
if [ "$(id -u)" -ne 0 ]; then
    echo "test-as-user.sh: only root can run tests as $user" >&2
    exit 2
fi
group=$(id -gn "$user")
scratch=$(mktemp -d /tmp/prodcons-as-user.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
chmod 755 "$scratch"

# The user must reach the build; if its path is private (a checkout under /root), test a copy.
tests_dir=$build_dir
if ! runuser -u "$user" -- test -x "$build_dir/bin" -a -r "$build_dir/CTestTestfile.cmake"; then
    tests_dir=$scratch/build
    echo "test-as-user.sh: $user cannot read $build_dir; testing a copy in $tests_dir" >&2
    mkdir -p "$tests_dir"
    cp -r "$build_dir/bin" "$tests_dir/bin"
    (cd "$build_dir" && find . -name CTestTestfile.cmake) | while read -r file; do
        mkdir -p "$tests_dir/$(dirname "$file")"
        sed "s#$build_dir#$tests_dir#g" "$build_dir/$file" > "$tests_dir/$file"
    done
fi

# ctest writes its log where it runs, and Qt wants a home and a runtime directory: the user's
# own, so that nothing is written into the build.
mkdir -p "$scratch/ctest" "$scratch/home" "$scratch/runtime"
printf 'subdirs("%s")\n' "$tests_dir" > "$scratch/ctest/CTestTestfile.cmake"
chown -R "$user:$group" "$scratch/ctest" "$scratch/home" "$scratch/runtime"
chmod 700 "$scratch/runtime"

echo "test-as-user.sh: the ipc, server and acceptance tests as user $user" >&2
runuser -u "$user" -- env HOME="$scratch/home" TMPDIR="$scratch/home" \
    XDG_RUNTIME_DIR="$scratch/runtime" \
    ctest --test-dir "$scratch/ctest" -L '^(ipc|server|acceptance)$' --output-on-failure -j2 "$@"
