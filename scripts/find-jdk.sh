# Sourced by .ci/run, the iron-analytics launcher and scripts/bench: picks a JDK >= 21 and
# exports JAVA_HOME. Order: $JAVA_HOME if it is >= 21, then the newest JDK >= 21 under
# /usr/lib/jvm, then the java on PATH if it is >= 21.

jdk_major() { # $1 = a JDK home; prints its feature version, or nothing
    local home=$1 v=""
    [ -x "$home/bin/java" ] || return 0
    if [ -f "$home/release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")
    fi
    if [ -z "$v" ]; then
        v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 \
            | sed -n 's/^ *java.specification.version = \([0-9][0-9]*\).*/\1/p')
    fi
    echo "$v"
}

find_jdk() {
    local best="" best_v=0 v home
    if [ -n "${JAVA_HOME:-}" ]; then
        v=$(jdk_major "$JAVA_HOME")
        if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
    fi
    for home in /usr/lib/jvm/*; do
        [ -d "$home" ] || continue
        v=$(jdk_major "$home")
        [ -x "$home/bin/javac" ] || continue
        if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$home; best_v=$v; fi
    done
    if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
        home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
        v=$(jdk_major "$home")
        if [ -n "$v" ] && [ "$v" -ge 21 ]; then best=$home; fi
    fi
    [ -n "$best" ] && echo "$best"
}

JAVA_HOME=$(find_jdk) || true
if [ -z "${JAVA_HOME:-}" ]; then
    echo "error: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm/*, PATH); install one or set JAVA_HOME" >&2
    exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
