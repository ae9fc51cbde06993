#!/usr/bin/env bash
# Builds Berth's runtime directory without Docker: a jlink'd Java runtime with only the modules
# Berth needs, the CLI jar, a class archive from a training run of `berth serve` (the AOT cache on
# Java 24+, AppCDS on Java 17) and the option file that points the JVM at it. The Dockerfile runs
# this same script; the runtime's integration test runs it here.
#
#   deploy/image/build-runtime.sh [--jdk DIR] [--output DIR]
#
# --jdk     the JDK to link (default: $BERTH_RUNTIME_JDK, else Temurin 25 under /usr/lib/jvm,
#           else the JDK of the `java` on PATH)
# --output  where the runtime goes (default: deploy/image/target/berth). Its files record their
#           own absolute paths, so build it where it will run (/opt/berth in the image).
#
# Idempotent: a second run with the same jar, JDK, options and script does nothing; otherwise the
# directory is rebuilt from scratch. Needs berth-cli/target/berth.jar and
# benchmarks/target/benchmarks.jar (the training run's mock API); builds them when missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

jdk="${BERTH_RUNTIME_JDK:-}"
out="$here/target/berth"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --jdk) jdk="$2"; shift 2 ;;
    --output) out="$2"; shift 2 ;;
    *) echo "build-runtime.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [[ -z "$jdk" ]]; then
  if [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/jlink ]]; then
    jdk=/usr/lib/jvm/temurin-25-jdk-amd64
  else
    jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  fi
fi
[[ -x "$jdk/bin/jlink" ]] || { echo "build-runtime.sh: $jdk has no jlink" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"

jar="$repo/berth-cli/target/berth.jar"
training="$repo/benchmarks/target/benchmarks.jar"
options="$repo/berth-cli/src/main/resources/dev/berth/cli/serve.jvmopts"
if [[ ! -f "$jar" || ! -f "$training" ]]; then
  echo "build-runtime.sh: building the CLI and benchmark jars..." >&2
  "$repo/mvnw" -B -q -f "$repo/pom.xml" -pl berth-cli,benchmarks -am -DskipTests \
    -Dspotless.check.skip=true package >&2
fi

feature="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$jdk/release")"
stamp="$( (sha256sum "$jar" "$options" "${BASH_SOURCE[0]}" "$jdk/release" | cut -d' ' -f1; echo "$out") | sha256sum | cut -d' ' -f1)"
if [[ -f "$out/.stamp" && "$(cat "$out/.stamp")" == "$stamp" ]]; then
  echo "build-runtime.sh: $out is up to date" >&2
  exit 0
fi

started=$SECONDS
rm -rf "$out" "$out.tmp"
mkdir -p "$out.tmp"
cp "$jar" "$out.tmp/berth.jar"

# Modules: what jdeps finds in the jar, plus what is reached only by reflection or service
# lookup: TLS key exchange and EC keys (jdk.crypto.ec; part of java.base from Java 22), the
# metrics endpoint's server (jdk.httpserver), JVM metrics (jdk.management), Netty (jdk.unsupported).
modules="$("$jdk/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release "$feature" \
  "$out.tmp/berth.jar")"
for extra in jdk.crypto.ec jdk.httpserver jdk.management jdk.unsupported; do
  if "$jdk/bin/java" --list-modules | grep -q "^$extra@"; then
    modules="$modules,$extra"
  fi
done
modules="$(echo "$modules" | tr ',' '\n' | sort -u | paste -sd, -)"
"$jdk/bin/jlink" --add-modules "$modules" --output "$out.tmp/jre" \
  --strip-debug --no-man-pages --no-header-files --generate-cds-archive 2> >(grep -v '^Warning' >&2 || true)
echo "$modules" | tr ',' '\n' > "$out.tmp/modules.txt"

# Netty's epoll library for this machine, where the JVM looks for native libraries: Netty loads it
# from java.library.path before it would copy it out of the jar into a temporary directory at every
# start, so the driver also runs with a read-only root file system.
arch="$(uname -m)"
[[ "$arch" == aarch64 ]] && arch=aarch_64
epoll="META-INF/native/libio_grpc_netty_shaded_netty_transport_native_epoll_${arch}.so"
(cd "$out.tmp" && "$jdk/bin/jar" xf berth.jar "$epoll" && mkdir native && mv "$epoll" native/ \
  && rm -r META-INF)
[[ -f "$out.tmp/native/$(basename "$epoll")" ]] || { echo "build-runtime.sh: no $epoll in the jar" >&2; exit 1; }

# The archive is written where the runtime will live, so the paths it records are the final ones.
mv "$out.tmp" "$out"
mapfile -t serve_options < <(grep -v '^[[:space:]]*$' "$options")
if (( feature >= 25 )); then
  archive="$out/berth.aot"
  record=(-XX:AOTCacheOutput="$archive")
  # Mapping the cache where it was built leaves its pages clean and shared instead of relocating
  # (writing) every pointer in them at each start; it falls back to relocation when the address
  # is taken.
  use=(-XX:AOTCache="$archive" -XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0)
else
  archive="$out/berth.jsa"
  record=(-XX:ArchiveClassesAtExit="$archive")
  use=(-XX:SharedArchiveFile="$archive")
fi
"$jdk/bin/java" -cp "$training" dev.berth.benchmarks.TrainingRun -- \
  "$out/jre/bin/java" "${serve_options[@]}" "${record[@]}" -Djava.library.path="$out/native" \
  -jar "$out/berth.jar" >"$out/training.log" 2>&1 \
  || { tail -40 "$out/training.log" >&2; echo "build-runtime.sh: training run failed" >&2; exit 1; }
[[ -f "$archive" ]] || { echo "build-runtime.sh: no archive at $archive" >&2; exit 1; }
printf '%s\n' "${use[@]}" "-Djava.library.path=$out/native" > "$out/berth.jvmopts"
cp "$options" "$out/serve.jvmopts"
echo "$stamp" > "$out/.stamp"
echo "build-runtime.sh: $out (Java $feature, $(du -sh "$out" | cut -f1), $((SECONDS - started)) s)" >&2
