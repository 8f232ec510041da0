#!/usr/bin/env bash
# Packaging check, run by .ci/run after `mvn -B verify` (which fills the local repository).
#
# The published modules are those whose pom.xml sets jwe.module.name. For each of them this script
#  1. builds them twice, in two copies of the sources at two different paths
#     (mvn -B -q -DskipTests package), and compares every jar and CycloneDX SBOM byte for byte:
#     the build is reproducible (project.build.outputTimestamp);
#  2. checks in the first copy: the jar's manifest names the module (Automatic-Module-Name),
#     the jar holds META-INF/LICENSE and META-INF/NOTICE, the -sources.jar, -javadoc.jar and
#     -cyclonedx.json exist, jwe-bom lists the artifact at the parent's version, and the README's
#     Installation section names it and the coming release.
# Usage: .ci/check-packaging.sh [work-dir]   (default: a fresh temporary directory, removed after)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# The project's version (the parent's own <version>, the first one after </parent>-less header).
version=$(sed -n '/<artifactId>jwe-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)

modules=()
names=()
for pom in */pom.xml; do
    name=$(sed -n 's:.*<jwe.module.name>\(.*\)</jwe.module.name>.*:\1:p' "$pom" | head -1)
    if [ -n "$name" ]; then
        modules+=("$(dirname "$pom")")
        names+=("$name")
    fi
done
if [ ${#modules[@]} -eq 0 ]; then
    echo "FAIL: no module sets jwe.module.name" >&2
    exit 1
fi
pl=$(IFS=,; echo "${modules[*]}")
echo "Published modules (version $version): ${modules[*]}"

if [ $# -ge 1 ]; then
    work=$1
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

# The sources as they are (committed or not), without build output or ignored files.
for copy in a b; do
    rm -rf "${work:?}/$copy"
    mkdir -p "$work/$copy"
    git ls-files -z --cached --others --exclude-standard \
        | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
        | tar --null -T - -cf - | tar -xf - -C "$work/$copy"
done
# Both at once: each build is mostly one thread (javac, javadoc), the machine has two cores.
echo "Building copies a and b..."
pids=()
for copy in a b; do
    (cd "$work/$copy" && mvn -B -q -DskipTests package -pl "$pl" > "$work/build-$copy.log" 2>&1) &
    pids+=($!)
done
for i in 0 1; do
    copy=$([ "$i" -eq 0 ] && echo a || echo b)
    if ! wait "${pids[$i]}"; then
        cat "$work/build-$copy.log"
        echo "FAIL: the build of copy $copy failed" >&2
        exit 1
    fi
done

# 1. Byte-identical jars and SBOMs.
for m in "${modules[@]}"; do
    files=$(cd "$work/a/$m/target" && ls -1 -- *.jar *-cyclonedx.json 2>/dev/null || true)
    if [ -z "$files" ]; then
        fail "$m: nothing built in target/"
        continue
    fi
    for f in $files; do
        a=$(sha256sum "$work/a/$m/target/$f" | cut -d' ' -f1)
        b=$(sha256sum "$work/b/$m/target/$f" 2>/dev/null | cut -d' ' -f1 || true)
        if [ "$a" = "$b" ]; then
            pass
        else
            fail "$m/target/$f differs between two builds ($a / ${b:-missing})"
            case "$f" in
                *.jar) diff <(unzip -v "$work/a/$m/target/$f" | awk 'NR>3 {print $7, $8}') \
                            <(unzip -v "$work/b/$m/target/$f" | awk 'NR>3 {print $7, $8}') | head -20 || true ;;
            esac
        fi
    done
done

# 2. What a published module must ship.
for i in "${!modules[@]}"; do
    m=${modules[$i]}
    name=${names[$i]}
    t="$work/a/$m/target"
    jar="$t/$m-$version.jar"
    if [ ! -f "$jar" ]; then
        fail "$m: no $m-$version.jar"
        continue
    fi
    amn=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Automatic-Module-Name: //p')
    if [ "$amn" = "$name" ]; then pass; else fail "$m: Automatic-Module-Name is '${amn}', expected '$name'"; fi
    for entry in META-INF/LICENSE META-INF/NOTICE; do
        if unzip -l "$jar" "$entry" > /dev/null 2>&1; then pass; else fail "$m: jar lacks $entry"; fi
    done
    for f in "$m-$version-sources.jar" "$m-$version-javadoc.jar" "$m-$version-cyclonedx.json"; do
        if [ -s "$t/$f" ]; then pass; else fail "$m: no $f"; fi
    done
    # Native crypto stays optional: no published module brings ACCP to its users (test scope only).
    if grep -q "AmazonCorrettoCryptoProvider" "$t/$m-$version-cyclonedx.json" 2>/dev/null; then
        fail "$m: its SBOM lists AmazonCorrettoCryptoProvider; it must stay an optional, test-scope dependency"
    else pass; fi
    if grep -q "<artifactId>$m</artifactId>" jwe-bom/pom.xml; then pass; else fail "$m: missing from jwe-bom/pom.xml"; fi
    if grep -q "| \`<artifactId>$m</artifactId>\`" README.md; then pass; else fail "$m: missing from the README's Installation table"; fi
done
# The README's snippets name the release this version becomes.
release=${version%-SNAPSHOT}
for snippet in "<version>$release</version>" "dev.jwe:jwe-bom:$release"; do
    if grep -qF "$snippet" README.md; then pass; else fail "README.md: no '$snippet' in the Installation snippets"; fi
done
bom_version=$(sed -n '/<artifactId>jwe-bom<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' jwe-bom/pom.xml | head -1)
if [ "$bom_version" = "$version" ]; then pass; else fail "jwe-bom is at '$bom_version', the project at '$version'"; fi

echo "packaging: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
